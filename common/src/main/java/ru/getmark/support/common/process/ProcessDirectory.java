package ru.getmark.support.common.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The built-in directory of GetMark processes (R3, regulation §5.12), shared by every channel: the chat dialogues
 * offer it as buttons, email and phone recognise a process in free text by its keywords. The directory is data,
 * {@code processes/getmark-processes.tsv} in this module; {@link #load(InputStream)} reads another file of the same
 * format (a deployment may replace it).
 */
public final class ProcessDirectory {

    /** The code of «Другое»: the customer's process is not in the directory. */
    public static final String OTHER = "other";

    private static final String RESOURCE = "/processes/getmark-processes.tsv";
    private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static volatile ProcessDirectory builtIn;

    private final Map<String, GetMarkProcess> byCode;

    private ProcessDirectory(List<GetMarkProcess> processes) {
        Map<String, GetMarkProcess> map = new LinkedHashMap<>();
        for (GetMarkProcess process : processes) {
            if (map.putIfAbsent(process.code(), process) != null) {
                throw new IllegalArgumentException("duplicate process code " + process.code());
            }
        }
        if (!map.containsKey(OTHER)) {
            throw new IllegalArgumentException("the directory has no '" + OTHER + "' process");
        }
        this.byCode = Collections.unmodifiableMap(map);
    }

    /** The directory shipped with the product. */
    public static ProcessDirectory builtIn() {
        ProcessDirectory directory = builtIn;
        if (directory == null) {
            try (InputStream in = ProcessDirectory.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                directory = load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = directory;
        }
        return directory;
    }

    /** Reads a directory: {@code code<TAB>name<TAB>keyword, keyword}; {@code #} starts a comment line. */
    public static ProcessDirectory load(InputStream in) throws IOException {
        List<GetMarkProcess> processes = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length < 2 || cells[0].isBlank() || cells[1].isBlank()) {
                throw new IllegalArgumentException("line " + number + ": expected code<TAB>name<TAB>keywords");
            }
            List<String> keywords = cells.length < 3 ? List.of() : Arrays.stream(cells[2].split(","))
                    .map(ProcessDirectory::normalise).filter(k -> !k.isEmpty()).toList();
            processes.add(new GetMarkProcess(cells[0].strip(), cells[1].strip(), keywords));
        }
        return new ProcessDirectory(processes);
    }

    /** Every process in the directory's order, «Другое» included (last in the built-in file). */
    public List<GetMarkProcess> all() {
        return List.copyOf(byCode.values());
    }

    public Optional<GetMarkProcess> byCode(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    /** Whether a code is in the directory (what ticket-service and the adapters accept as {@code process}). */
    public boolean contains(String code) {
        return code != null && byCode.containsKey(code);
    }

    /**
     * The process a free text is about, when its keywords say so: the process with the most keyword hits, the
     * earlier one in the directory on a tie; empty when no keyword occurs (the ticket is then flagged for the
     * first line, R3). Never returns «Другое».
     */
    public Optional<GetMarkProcess> recognise(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String words = " " + normalise(text) + " ";
        GetMarkProcess best = null;
        int bestHits = 0;
        for (GetMarkProcess process : byCode.values()) {
            int hits = 0;
            for (String keyword : process.keywords()) {
                hits += count(words, " " + keyword);
            }
            if (hits > bestHits) {
                best = process;
                bestHits = hits;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int count(String haystack, String needle) {
        int hits = 0;
        int from = 0;
        while ((from = haystack.indexOf(needle, from)) >= 0) {
            hits++;
            from += needle.length();
        }
        return hits;
    }

    /** Lower case, ё → е, every run of non-letters and non-digits one space. */
    static String normalise(String text) {
        return WORD_BREAK.matcher(text.toLowerCase(Locale.ROOT).replace('ё', 'е')).replaceAll(" ").strip();
    }
}
