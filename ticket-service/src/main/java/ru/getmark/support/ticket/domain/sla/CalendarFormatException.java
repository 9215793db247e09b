package ru.getmark.support.ticket.domain.sla;

/**
 * A production calendar file that cannot be used. The message names the file and the line, so that
 * ops can fix a calendar they edited without reading code (R9: the calendar is data).
 */
public class CalendarFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    public CalendarFormatException(String source, int line, String problem) {
        super("production calendar " + source + (line > 0 ? ", line " + line : "") + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** Where the calendar came from (a path, or {@code classpath:...}). */
    public String source() {
        return source;
    }

    /** The 1-based line at fault, or 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }
}
