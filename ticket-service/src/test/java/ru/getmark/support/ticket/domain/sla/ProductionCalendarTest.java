package ru.getmark.support.ticket.domain.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ru.getmark.support.ticket.domain.sla.ProductionCalendar.Coverage;

class ProductionCalendarTest {

    private static final ProductionCalendar DEFAULT = ProductionCalendar.loadDefault();

    private static int workingDaysIn(ProductionCalendar calendar, int year) {
        return calendar.countWorkingDays(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
    }

    private static long listed(ProductionCalendar calendar, int year, DayKind kind) {
        return LocalDate.of(year, 1, 1).datesUntil(LocalDate.of(year + 1, 1, 1))
                .filter(d -> calendar.kindOf(d).filter(kind::equals).isPresent())
                .count();
    }

    @Nested
    @DisplayName("the shipped calendar")
    class Shipped {

        @Test
        @DisplayName("R9: covers 2024–2026 by decree and 2027 provisionally (no decree found yet)")
        void coverage() {
            assertThat(DEFAULT.coveredYears()).containsExactly(
                    Map.entry(2024, Coverage.OFFICIAL),
                    Map.entry(2025, Coverage.OFFICIAL),
                    Map.entry(2026, Coverage.OFFICIAL),
                    Map.entry(2027, Coverage.PROVISIONAL));
            assertThat(DEFAULT.source()).isEqualTo("classpath:calendar/production-calendar-ru.txt");
            assertThat(DEFAULT.isProvisional(LocalDate.of(2027, 6, 1))).isTrue();
            assertThat(DEFAULT.isProvisional(LocalDate.of(2026, 6, 1))).isFalse();
            assertThat(DEFAULT.isProvisional(LocalDate.of(2028, 6, 1))).isFalse();
        }

        /**
         * The official totals of working days for a five-day week: 2024 — 248, 2025 — 247 (the production
         * calendars of Минтруд / КонсультантПлюс built on decrees № 1314 of 10.08.2023 and № 1335 of
         * 04.10.2024), 2026 — 247 working and 118 non-working days (decree № 1466 of 24.09.2025, as the State
         * Duma labour committee and the press reported it in September 2025 and January 2026).
         */
        @ParameterizedTest(name = "R9: {0} has {1} working days")
        @CsvSource({"2024, 248", "2025, 247", "2026, 247"})
        void officialWorkingDayTotals(int year, int workingDays) {
            assertThat(workingDaysIn(DEFAULT, year)).isEqualTo(workingDays);
        }

        @Test
        @DisplayName("R9: 2026 has 118 days off and holidays, as officially reported")
        void daysOff2026() {
            assertThat(365 - workingDaysIn(DEFAULT, 2026)).isEqualTo(118);
        }

        @Test
        @DisplayName("R9: provisional 2027 holds the Labour Code only: 249 working days until the decree moves 2 and 3 January")
        void provisional2027() {
            assertThat(workingDaysIn(DEFAULT, 2027)).isEqualTo(249);
        }

        /**
         * Pre-holiday days per year (art. 95). They make the published 40-hour norms: 2024 248×8−5 = 1979 h,
         * 2025 247×8−4 = 1972 h, 2026 247×8−4 = 1972 h.
         */
        @ParameterizedTest(name = "{0} has {1} pre-holiday days")
        @CsvSource({"2024, 5", "2025, 4", "2026, 4", "2027, 5"})
        void preHolidayDays(int year, long count) {
            assertThat(listed(DEFAULT, year, DayKind.SHORT)).isEqualTo(count);
        }

        @ParameterizedTest(name = "{0}: the holidays are exactly those of Labour Code art. 112")
        @CsvSource({"2024", "2025", "2026", "2027"})
        void holidaysAreTheLabourCodeOnes(int year) {
            Set<MonthDay> art112 = Stream.of("--01-01", "--01-02", "--01-03", "--01-04", "--01-05", "--01-06",
                            "--01-07", "--01-08", "--02-23", "--03-08", "--05-01", "--05-09", "--06-12", "--11-04")
                    .map(MonthDay::parse).collect(Collectors.toCollection(TreeSet::new));
            Set<MonthDay> listedHolidays = LocalDate.of(year, 1, 1).datesUntil(LocalDate.of(year + 1, 1, 1))
                    .filter(d -> DEFAULT.kindOf(d).filter(DayKind.HOLIDAY::equals).isPresent())
                    .map(MonthDay::from).collect(Collectors.toCollection(TreeSet::new));
            assertThat(listedHolidays).isEqualTo(art112);
            assertThat(art112).allSatisfy(md ->
                    assertThat(DEFAULT.isWorkingDay(md.atYear(year))).as("%s", md.atYear(year)).isFalse());
        }

        /** The transfers of each decree (see the data file's comments for the sources). */
        @ParameterizedTest(name = "{0} ({2}): working = {1}")
        @CsvSource({
                // 2024, decree № 1314 of 10.08.2023
                "2024-04-27, true,  working Saturday",
                "2024-04-29, false, day off from 27 April",
                "2024-04-30, false, day off from 2 November",
                "2024-05-10, false, day off from 6 January",
                "2024-11-02, true,  working pre-holiday Saturday",
                "2024-12-28, true,  working Saturday",
                "2024-12-30, false, day off from 28 December",
                "2024-12-31, false, day off from 7 January",
                "2024-02-26, true,  ordinary Monday",
                // 2025, decree № 1335 of 04.10.2024
                "2025-02-24, true,  Monday after Sunday 23 February: the holiday went to 8 May",
                "2025-03-10, true,  Monday after Saturday 8 March: the holiday went to 13 June",
                "2025-05-02, false, day off from 4 January",
                "2025-05-08, false, day off from 23 February",
                "2025-06-13, false, day off from 8 March",
                "2025-11-01, true,  working pre-holiday Saturday",
                "2025-11-03, false, day off from 1 November",
                "2025-12-31, false, day off from 5 January",
                // 2026, decree № 1466 of 24.09.2025 and art. 112
                "2026-01-09, false, day off from 3 January",
                "2026-01-12, true,  first working day of 2026",
                "2026-03-09, false, art. 112 move of Sunday 8 March",
                "2026-05-11, false, art. 112 move of Saturday 9 May",
                "2026-12-31, false, day off from 4 January",
                "2026-12-30, true,  last working day of 2026",
                // 2027, provisional
                "2027-01-11, true,  first working day of 2027",
                "2027-05-03, false, art. 112 move of Saturday 1 May",
                "2027-05-10, false, art. 112 move of Sunday 9 May",
                "2027-06-14, false, art. 112 move of Saturday 12 June",
                "2027-12-31, true,  pre-holiday Friday until the decree says otherwise"})
        void transfers(LocalDate date, boolean working, String why) {
            assertThat(DEFAULT.isWorkingDay(date)).isEqualTo(working);
            assertThat(DEFAULT.covers(date)).isTrue();
        }

        @Test
        @DisplayName("R9: outside the covered years the calendar falls back to Mon–Fri and says it does not cover the date")
        void fallbackOutsideCoverage() {
            LocalDate newYear2028 = LocalDate.of(2028, 1, 3); // Monday; in reality a holiday
            assertThat(DEFAULT.covers(newYear2028)).isFalse();
            assertThat(DEFAULT.isWorkingDay(newYear2028)).isTrue();
            assertThat(DEFAULT.isWorkingDay(LocalDate.of(2028, 1, 1))).isFalse(); // Saturday
            assertThat(DEFAULT.covers(LocalDate.of(2023, 5, 1))).isFalse();
            assertThat(DEFAULT.isWorkingDay(LocalDate.of(2023, 5, 1))).isTrue(); // Monday; in reality a holiday
            assertThat(DEFAULT.kindOf(newYear2028)).isEmpty();
            assertThat(DEFAULT.isPreHoliday(LocalDate.of(2028, 2, 22))).isFalse();
        }

        @Test
        void preHolidayDaysAreWorkingDays() {
            assertThat(DEFAULT.isPreHoliday(LocalDate.of(2026, 4, 30))).isTrue();
            assertThat(DEFAULT.isWorkingDay(LocalDate.of(2026, 4, 30))).isTrue();
            assertThat(DEFAULT.isPreHoliday(LocalDate.of(2026, 4, 29))).isFalse();
            assertThat(DEFAULT.kindOf(LocalDate.of(2025, 11, 1))).contains(DayKind.SHORT);
        }
    }

    @Nested
    @DisplayName("the file format")
    class Format {

        @Test
        @DisplayName("comments, blank lines, CRLF line ends and a byte-order mark are accepted")
        void lenientWhitespace() {
            String text = "\uFEFF# a calendar\r\n\r\nYEAR 2030 OFFICIAL   # by decree\r\n"
                    + "  2030-01-01   HOLIDAY  # New Year\r\n2030-01-05 WORKING\r\n2030-01-07\tDAY_OFF\r\n";
            ProductionCalendar calendar = ProductionCalendar.parse(new StringReader(text));
            assertThat(calendar.coveredYears()).containsExactly(Map.entry(2030, Coverage.OFFICIAL));
            assertThat(calendar.isWorkingDay(LocalDate.of(2030, 1, 1))).isFalse(); // Tuesday, holiday
            assertThat(calendar.isWorkingDay(LocalDate.of(2030, 1, 5))).isTrue(); // Saturday, working
            assertThat(calendar.isWorkingDay(LocalDate.of(2030, 1, 7))).isFalse(); // Monday, day off
            assertThat(calendar.isWorkingDay(LocalDate.of(2030, 1, 8))).isTrue(); // ordinary Tuesday
            assertThat(calendar.isWorkingDay(LocalDate.of(2030, 1, 6))).isFalse(); // ordinary Sunday
        }

        @ParameterizedTest(name = "line {1}: {2}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                YEAR 2030 OFFICIAL\\n2030-01-01 HOLYDAY                         | 2 | unknown day kind 'HOLYDAY' (expected HOLIDAY, DAY_OFF, WORKING, SHORT)
                YEAR 2030 OFFICIAL\\n2030-02-30 HOLIDAY                         | 2 | '2030-02-30' is not a date
                YEAR 2030 OFFICIAL\\n01.01.2030 HOLIDAY                         | 2 | '01.01.2030' is not a date
                YEAR 2030 OFFICIAL\\n2030-01-01                                 | 2 | expected '<yyyy-mm-dd> <KIND>'
                YEAR 2030 OFFICIAL\\n2030-01-01 HOLIDAY New Year                | 2 | expected '<yyyy-mm-dd> <KIND>' (put notes after '#')
                YEAR 2030 OFFICIAL\\n2031-01-01 HOLIDAY                         | 2 | year 2031 is not declared
                2030-01-01 HOLIDAY\\nYEAR 2030 OFFICIAL                         | 1 | year 2030 is not declared
                YEAR 2030 OFFICIAL\\n2030-01-01 HOLIDAY\\n2030-01-01 DAY_OFF     | 3 | 2030-01-01 is already listed on line 2
                YEAR 2030 OFFICIAL\\n2030-01-07 WORKING                         | 2 | 2030-01-07 is a MONDAY, already a working day
                YEAR 2030 OFFICIAL\\n2030-01-05 DAY_OFF                         | 2 | 2030-01-05 is a SATURDAY, already a day off
                YEAR 2030                                                      | 1 | expected 'YEAR <yyyy> OFFICIAL' or 'YEAR <yyyy> PROVISIONAL'
                YEAR 2030 DRAFT                                                | 1 | unknown year status 'DRAFT'
                YEAR 30 OFFICIAL                                               | 1 | '30' is not a year
                YEAR 2030 OFFICIAL\\nYEAR 2030 PROVISIONAL                      | 2 | year 2030 is declared twice
                """)
        void errorsNameTheLine(String text, int line, String problem) {
            String calendar = text.strip().replace("\\n", "\n");
            assertThatThrownBy(() -> ProductionCalendar.parse(new StringReader(calendar), "ops.txt"))
                    .isInstanceOf(CalendarFormatException.class)
                    .hasMessageStartingWith("production calendar ops.txt, line " + line + ": ")
                    .hasMessageContaining(problem)
                    .satisfies(e -> assertThat(((CalendarFormatException) e).line()).isEqualTo(line));
        }

        @Test
        @DisplayName("a file that declares no year is refused as a whole")
        void noYear() {
            assertThatThrownBy(() -> ProductionCalendar.parse(new StringReader("# nothing here\n\n"), "empty.txt"))
                    .isInstanceOf(CalendarFormatException.class)
                    .hasMessage("production calendar empty.txt: no year is declared;"
                            + " a calendar file needs at least one line 'YEAR <yyyy> OFFICIAL'");
        }

        @Test
        @DisplayName("a year may be declared without any exception in it (plain Mon–Fri, but covered)")
        void yearWithoutEntries() {
            ProductionCalendar calendar = ProductionCalendar.parse(new StringReader("YEAR 2031 PROVISIONAL\n"));
            assertThat(calendar.covers(LocalDate.of(2031, 1, 1))).isTrue();
            assertThat(calendar.isProvisional(LocalDate.of(2031, 1, 1))).isTrue();
            assertThat(calendar.isWorkingDay(LocalDate.of(2031, 1, 1))).isTrue(); // Wednesday
        }

        @Test
        void weekdaysOnlyCoversNothing() {
            ProductionCalendar calendar = ProductionCalendar.weekdaysOnly();
            assertThat(calendar.coveredYears()).isEmpty();
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 1))).isTrue(); // Thursday, no holidays known
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 3))).isFalse(); // Saturday
            assertThat(calendar.covers(LocalDate.of(2026, 1, 1))).isFalse();
        }
    }

    @Nested
    @DisplayName("loading from a file chosen by ops")
    class FromPath {

        @TempDir
        Path dir;

        @Test
        @DisplayName("R9: a calendar file replaces the shipped one as a whole, without a release")
        void pathOverridesDefault() throws Exception {
            Path file = dir.resolve("calendar.txt");
            Files.writeString(file, String.join("\n", List.of(
                    "# ops' own calendar: 28 December 2026 made a day off, 2028 added",
                    "YEAR 2026 OFFICIAL",
                    "2026-12-28 DAY_OFF",
                    "YEAR 2028 PROVISIONAL",
                    "2028-01-03 HOLIDAY")), StandardCharsets.UTF_8);

            ProductionCalendar calendar = ProductionCalendar.load(file);

            assertThat(calendar.source()).isEqualTo(file.toString());
            assertThat(calendar.coveredYears()).containsOnlyKeys(2026, 2028);
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 28))).isFalse();
            assertThat(DEFAULT.isWorkingDay(LocalDate.of(2026, 12, 28))).isTrue();
            assertThat(calendar.isWorkingDay(LocalDate.of(2028, 1, 3))).isFalse();
            assertThat(calendar.covers(LocalDate.of(2028, 1, 3))).isTrue();
            // Replaced as a whole: what the file does not say is not taken from the shipped calendar.
            assertThat(calendar.covers(LocalDate.of(2025, 5, 8))).isFalse();
            assertThat(calendar.isWorkingDay(LocalDate.of(2025, 5, 8))).isTrue();
        }

        @Test
        void errorsInAFileNameThePathAndLine() throws Exception {
            Path file = dir.resolve("broken.txt");
            Files.writeString(file, "YEAR 2026 OFFICIAL\n\n2026-13-01 HOLIDAY\n", StandardCharsets.UTF_8);
            assertThatThrownBy(() -> ProductionCalendar.load(file))
                    .isInstanceOf(CalendarFormatException.class)
                    .hasMessage("production calendar " + file + ", line 3: '2026-13-01' is not a date (yyyy-mm-dd)");
        }

        @Test
        void missingFile() {
            Path file = dir.resolve("absent.txt");
            assertThatThrownBy(() -> ProductionCalendar.load(file))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot read production calendar " + file);
        }

        @Test
        @DisplayName("the shipped file itself loads from a path just like from the classpath")
        void shippedFileLoadsFromPath() throws Exception {
            Path copy = dir.resolve("copy.txt");
            try (var in = ProductionCalendar.class.getClassLoader().getResourceAsStream(ProductionCalendar.DEFAULT_RESOURCE)) {
                assertThat(in).isNotNull();
                Files.copy(in, copy);
            }
            ProductionCalendar calendar = ProductionCalendar.load(copy);
            assertThat(calendar.coveredYears()).isEqualTo(DEFAULT.coveredYears());
            for (int year = 2024; year <= 2027; year++) {
                assertThat(workingDaysIn(calendar, year)).isEqualTo(workingDaysIn(DEFAULT, year));
            }
        }
    }
}
