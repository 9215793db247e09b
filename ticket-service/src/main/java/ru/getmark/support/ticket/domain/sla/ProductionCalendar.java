package ru.getmark.support.ticket.domain.sla;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The Russian production calendar (производственный календарь): which dates are working days (R9).
 *
 * <p>It is data, not code, so that ops can follow a new Government decree without a release: the service
 * ships {@value #DEFAULT_RESOURCE} on the classpath ({@link #loadDefault()}) and can load a replacement
 * from any file ({@link #load(Path)}). The file format is described in that resource's header.
 *
 * <p>Rules: a listed date has its {@link DayKind}; any other Mon–Fri is a working day and any other
 * Saturday or Sunday is not. A date of a year the file does not declare falls back to that plain Mon–Fri
 * rule, which knows no holidays; {@link #covers(LocalDate)} tells the caller so that it can warn.
 * A declared year may be {@link #isProvisional(LocalDate) provisional} (no decree yet).
 *
 * <p>Immutable and thread-safe.
 */
public final class ProductionCalendar {

    /** The calendar shipped with the service. */
    public static final String DEFAULT_RESOURCE = "calendar/production-calendar-ru.txt";

    /** How sure the calendar is about a declared year. */
    public enum Coverage {
        /** Follows a signed decree of the Government of the RF. */
        OFFICIAL,
        /** No decree yet: only the Labour Code's holidays and moves; the decree may still change it. */
        PROVISIONAL
    }

    private final SortedMap<LocalDate, DayKind> days;
    private final SortedMap<Integer, Coverage> years;
    private final String source;

    private ProductionCalendar(Map<LocalDate, DayKind> days, Map<Integer, Coverage> years, String source) {
        this.days = Collections.unmodifiableSortedMap(new TreeMap<>(days));
        this.years = Collections.unmodifiableSortedMap(new TreeMap<>(years));
        this.source = source;
    }

    /** A calendar that covers no year: every date follows the plain Mon–Fri rule. */
    public static ProductionCalendar weekdaysOnly() {
        return new ProductionCalendar(Map.of(), Map.of(), "weekdays-only");
    }

    /** The calendar shipped on the classpath ({@value #DEFAULT_RESOURCE}). */
    public static ProductionCalendar loadDefault() {
        String name = "classpath:" + DEFAULT_RESOURCE;
        InputStream in = ProductionCalendar.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("production calendar " + name + " is missing from the classpath");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read production calendar " + name, e);
        }
    }

    /**
     * A calendar file chosen by ops (UTF-8), replacing the shipped one as a whole.
     *
     * @throws UncheckedIOException     when the file cannot be read
     * @throws CalendarFormatException  when its content is wrong (the message names the line)
     */
    public static ProductionCalendar load(Path file) {
        Objects.requireNonNull(file, "file");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read production calendar " + file, e);
        }
    }

    /** Parses calendar text; see {@link #parse(Reader, String)}. */
    public static ProductionCalendar parse(Reader reader) {
        return parse(reader, "<text>");
    }

    /**
     * Parses calendar text. Strict on purpose: a wrong calendar silently moves every deadline, so any
     * doubtful line is refused with its number rather than guessed at.
     *
     * @param source what to call the text in error messages (a path, a resource name)
     * @throws CalendarFormatException when a line is wrong, a date is listed twice, a date belongs to a
     *                                 year not declared above it, or no year is declared at all
     */
    public static ProductionCalendar parse(Reader reader, String source) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(source, "source");
        Map<LocalDate, DayKind> days = new HashMap<>();
        Map<LocalDate, Integer> lineOf = new HashMap<>();
        Map<Integer, Coverage> years = new HashMap<>();
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        int number = 0;
        try {
            for (String raw = lines.readLine(); raw != null; raw = lines.readLine()) {
                number++;
                String text = raw;
                if (number == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1); // a byte-order mark left by a Windows editor
                }
                int hash = text.indexOf('#');
                if (hash >= 0) {
                    text = text.substring(0, hash);
                }
                text = text.strip();
                if (text.isEmpty()) {
                    continue;
                }
                String[] tokens = text.split("\\s+");
                if (tokens[0].equals("YEAR")) {
                    parseYear(tokens, years, source, number);
                } else {
                    parseDay(tokens, days, lineOf, years, source, number);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read production calendar " + source, e);
        }
        if (years.isEmpty()) {
            throw new CalendarFormatException(source, 0,
                    "no year is declared; a calendar file needs at least one line 'YEAR <yyyy> OFFICIAL'");
        }
        return new ProductionCalendar(days, years, source);
    }

    private static void parseYear(String[] tokens, Map<Integer, Coverage> years, String source, int line) {
        if (tokens.length != 3) {
            throw new CalendarFormatException(source, line,
                    "expected 'YEAR <yyyy> OFFICIAL' or 'YEAR <yyyy> PROVISIONAL', got '" + String.join(" ", tokens) + "'");
        }
        int year;
        try {
            year = Integer.parseInt(tokens[1]);
        } catch (NumberFormatException e) {
            year = -1;
        }
        if (year < 1992 || year > 2999 || tokens[1].length() != 4) {
            throw new CalendarFormatException(source, line, "'" + tokens[1] + "' is not a year (yyyy)");
        }
        Coverage coverage;
        try {
            coverage = Coverage.valueOf(tokens[2]);
        } catch (IllegalArgumentException e) {
            throw new CalendarFormatException(source, line,
                    "unknown year status '" + tokens[2] + "' (expected OFFICIAL or PROVISIONAL)");
        }
        if (years.putIfAbsent(year, coverage) != null) {
            throw new CalendarFormatException(source, line, "year " + year + " is declared twice");
        }
    }

    private static void parseDay(String[] tokens, Map<LocalDate, DayKind> days, Map<LocalDate, Integer> lineOf,
            Map<Integer, Coverage> years, String source, int line) {
        if (tokens.length != 2) {
            throw new CalendarFormatException(source, line,
                    "expected '<yyyy-mm-dd> <KIND>' (put notes after '#'), got '" + String.join(" ", tokens) + "'");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(tokens[0]);
        } catch (DateTimeParseException e) {
            throw new CalendarFormatException(source, line, "'" + tokens[0] + "' is not a date (yyyy-mm-dd)");
        }
        DayKind kind;
        try {
            kind = DayKind.valueOf(tokens[1]);
        } catch (IllegalArgumentException e) {
            throw new CalendarFormatException(source, line, "unknown day kind '" + tokens[1] + "' (expected "
                    + Arrays.stream(DayKind.values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
        }
        if (!years.containsKey(date.getYear())) {
            throw new CalendarFormatException(source, line, "year " + date.getYear()
                    + " is not declared; add 'YEAR " + date.getYear() + " OFFICIAL' (or PROVISIONAL) above " + date);
        }
        boolean weekend = isWeekend(date);
        if (kind == DayKind.WORKING && !weekend) {
            throw new CalendarFormatException(source, line, date + " is a " + date.getDayOfWeek()
                    + ", already a working day; WORKING is for a Saturday or Sunday made working");
        }
        if (kind == DayKind.DAY_OFF && weekend) {
            throw new CalendarFormatException(source, line, date + " is a " + date.getDayOfWeek()
                    + ", already a day off; DAY_OFF is for a Mon–Fri made a day off");
        }
        Integer earlier = lineOf.putIfAbsent(date, line);
        if (earlier != null) {
            throw new CalendarFormatException(source, line, date + " is already listed on line " + earlier);
        }
        days.put(date, kind);
    }

    private static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    /** Whether support works on that date at all (its hours are the business of {@link WorkingHours}). */
    public boolean isWorkingDay(LocalDate date) {
        DayKind kind = days.get(Objects.requireNonNull(date, "date"));
        return kind != null ? kind.working() : !isWeekend(date);
    }

    /** Whether the date is a listed pre-holiday day (art. 95), shortened only when configured to be. */
    public boolean isPreHoliday(LocalDate date) {
        return days.get(Objects.requireNonNull(date, "date")) == DayKind.SHORT;
    }

    /** The listed kind of the date; empty for an ordinary day (and for every date of an uncovered year). */
    public Optional<DayKind> kindOf(LocalDate date) {
        return Optional.ofNullable(days.get(Objects.requireNonNull(date, "date")));
    }

    /**
     * Whether the calendar declares the date's year. When it does not, {@link #isWorkingDay} falls back to
     * Mon–Fri without holidays, and deadlines there may be early: the service should warn and ops should
     * extend the calendar.
     */
    public boolean covers(LocalDate date) {
        return years.containsKey(Objects.requireNonNull(date, "date").getYear());
    }

    /** Whether the date's year is declared but provisional (no decree yet). */
    public boolean isProvisional(LocalDate date) {
        return years.get(Objects.requireNonNull(date, "date").getYear()) == Coverage.PROVISIONAL;
    }

    /** The declared years, in order, with how sure the calendar is about each. */
    public SortedMap<Integer, Coverage> coveredYears() {
        return years;
    }

    /** Working days in {@code [from, toExclusive)}. */
    public int countWorkingDays(LocalDate from, LocalDate toExclusive) {
        int count = 0;
        for (LocalDate d = from; d.isBefore(toExclusive); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /** Where the calendar was loaded from, for logs. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "ProductionCalendar[" + source + ", years " + years + ", " + days.size() + " listed dates]";
    }
}
