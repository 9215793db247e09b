package ru.getmark.support.email.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits the text of an email into what the sender wrote now, their signature, the quoted history below it, and
 * forwarded messages (which are content, not history: a customer forwards the mail that shows the problem).
 * <p>
 * Recognised history: "&gt;" lines; "-----Original Message-----" / "-------- Исходное сообщение --------"; attribution
 * lines ("On ... wrote:", "... написал(а):", "... пишет:", Gmail's Russian "пн, 23 нояб. 2026 г. в 10:15, Иван
 * &lt;x@y&gt;:", Yandex/Mail.ru "23.11.2026, 10:15, "Иван" &lt;x@y&gt;:"); Outlook header blocks ("From: / Sent:",
 * "От: / Отправлено:") — unless the subject says the message is a forward (Fwd:, FW:, Пересл:), when such a block
 * is the forwarded message. Forward markers ("-------- Пересланное сообщение --------", "---------- Forwarded
 * message ---------") end the scan: everything from there on is kept.
 * <p>
 * Recognised signatures: the "-- " delimiter, mobile footers ("Отправлено с iPhone", "Sent from my iPhone",
 * "Отправлено из мобильной Почты Mail.ru", Yandex, Outlook mobile), and a closing "С уважением," / "Best regards"
 * block near the end of the new text.
 */
public final class ReplyText {

    private static final Pattern ORIGINAL = Pattern.compile(
            "^\\s*-{2,}\\s*(original message|исходное сообщение|исходное письмо|оригинальное сообщение|"
                    + "reply message|ответное сообщение)\\s*-{2,}\\s*$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern FORWARD = Pattern.compile(
            "^\\s*-{2,}\\s*(forwarded message|пересланное сообщение|пересылаемое сообщение|"
                    + "перенаправленное сообщение|begin forwarded message|original message follows)\\s*-{2,}\\s*$|"
                    + "^\\s*(begin forwarded message|начало переадресованного сообщения)\\s*:\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern WROTE = Pattern.compile(
            "^.*(wrote|writes|написал\\(а\\)|написала|написал|пишет|писал\\(а\\)|писал)\\s*:\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern GMAIL_RU = Pattern.compile(
            "^(пн|вт|ср|чт|пт|сб|вс)[,.]?\\s+\\d{1,2}\\s+\\S+\\s+\\d{4}\\s*(г\\.)?[,\\s]*(в\\s*)?\\d{1,2}:\\d{2}.*:\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern DATED = Pattern.compile(
            "^\\s*\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}[ ,]+\\d{1,2}:\\d{2}.*(@|<).*:\\s*$");
    private static final Pattern ON_DATE = Pattern.compile("^(on|в|вс|пн|вт|ср|чт|пт|сб|\\d)", Pattern.CASE_INSENSITIVE
            | Pattern.UNICODE_CASE);
    private static final Pattern OUTLOOK_FROM = Pattern.compile("^\\s*\\*?(from|от|отправитель)\\*?\\s*:\\s*\\S.*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern OUTLOOK_NEXT = Pattern.compile(
            "^\\s*\\*?(sent|date|отправлено|дата|to|кому|subject|тема|cc|копия)\\*?\\s*:.*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern UNDERSCORES = Pattern.compile("^\\s*_{8,}\\s*$");
    private static final Pattern SIG_DASH = Pattern.compile("^--\\s?$");
    private static final Pattern MOBILE = Pattern.compile(
            "^\\s*(отправлено|sent|послано|get outlook|получить outlook|скачайте|download).{0,40}"
                    + "(iphone|ipad|android|samsung|mail\\.ru|почты mail|яндекс|yandex|outlook|мобильн|mobile|"
                    + "почта для windows|mail for windows|blackberry|huawei|xiaomi|galaxy|смартфон|телефон)"
                    + ".{0,40}$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern CLOSING = Pattern.compile(
            "^\\s*(с уважением|с наилучшими пожеланиями|всего доброго|всего хорошего|best regards|kind regards|"
                    + "regards|with best regards|sincerely|с уважением и благодарностью|спасибо,? с уважением)"
                    + "[\\s,.!]*.{0,60}$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern FORWARD_SUBJECT = Pattern.compile(
            "^\\s*(\\[[^]]*]\\s*)?(fwd?|fw|пересл|переслано|пересылка|wg|tr)\\s*:", Pattern.CASE_INSENSITIVE
                    | Pattern.UNICODE_CASE);
    private static final int CLOSING_WINDOW = 12;

    /**
     * The parts of a text.
     *
     * @param fresh     what the sender wrote now, without signature (the ticket text), forwarded blocks appended
     * @param signature the signature cut from the new text ("" when none): searched for the ИНН, not shown
     * @param quoted    quoted history ("" when none): a last resort for the ИНН, never ticket text
     */
    public record Parts(String fresh, String signature, String quoted) {

        /** The new text with its signature: where the sender's ИНН usually is. */
        public String freshWithSignature() {
            return signature.isEmpty() ? fresh : fresh + "\n" + signature;
        }
    }

    private ReplyText() {
    }

    /**
     * Splits a text.
     *
     * @param text    the parsed email's text
     * @param subject the subject (a forward's Outlook header block is kept, not trimmed)
     */
    public static Parts split(String text, String subject) {
        List<String> lines = List.of((text == null ? "" : text).replace("\r", "").split("\n", -1));
        boolean forwardSubject = subject != null && FORWARD_SUBJECT.matcher(subject).find();
        int forwardAt = lines.size();
        int historyAt = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (FORWARD.matcher(line).matches() || line.strip().equals(EmailParser.FORWARD_MARK)) {
                forwardAt = i;
                break;
            }
            if (isHistoryStart(lines, i, forwardSubject)) {
                historyAt = i;
                break;
            }
        }
        int end = Math.min(forwardAt, historyAt);
        List<String> fresh = new ArrayList<>();
        List<String> quoted = new ArrayList<>();
        for (int i = 0; i < end; i++) {
            String line = lines.get(i);
            if (line.startsWith(">")) {
                quoted.add(line);
                // an attribution line right above a quote block is history too
                if (!fresh.isEmpty() && i > 0 && !lines.get(i - 1).startsWith(">")
                        && lines.get(i - 1).strip().endsWith(":") && ON_DATE.matcher(lines.get(i - 1).strip()).find()
                        && (WROTE.matcher(lines.get(i - 1)).matches() || lines.get(i - 1).contains("@"))) {
                    quoted.add(0, fresh.remove(fresh.size() - 1));
                }
            } else {
                fresh.add(line);
            }
        }
        if (historyAt < lines.size()) {
            quoted.addAll(lines.subList(historyAt, lines.size()));
        }
        int sigAt = signatureStart(fresh);
        List<String> body = fresh.subList(0, sigAt);
        List<String> signature = fresh.subList(sigAt, fresh.size());
        String forwarded = forwardAt < lines.size() ? String.join("\n", lines.subList(forwardAt, lines.size())) : "";
        String freshText = join(body);
        if (!forwarded.isBlank()) {
            freshText = freshText.isEmpty() ? forwarded.strip() : freshText + "\n\n" + forwarded.strip();
        }
        return new Parts(freshText, join(signature), join(quoted));
    }

    private static boolean isHistoryStart(List<String> lines, int i, boolean forwardSubject) {
        String line = lines.get(i).strip();
        if (line.isEmpty()) {
            return false;
        }
        if (ORIGINAL.matcher(line).matches()) {
            return !forwardSubject;
        }
        String joined = i + 1 < lines.size() ? line + " " + lines.get(i + 1).strip() : line;
        if (GMAIL_RU.matcher(line).matches() || GMAIL_RU.matcher(joined).matches()
                || DATED.matcher(line).matches() || DATED.matcher(joined).matches()) {
            return true;
        }
        if (ON_DATE.matcher(line).find() && (WROTE.matcher(line).matches() || WROTE.matcher(joined).matches())
                && (line.matches(".*\\d.*") || line.contains("@"))) {
            return true;
        }
        if (!forwardSubject) {
            int at = i;
            if (UNDERSCORES.matcher(line).matches() && i + 1 < lines.size()) {
                at = i + 1;
            }
            if (OUTLOOK_FROM.matcher(lines.get(at)).matches()) {
                int found = 0;
                for (int j = at + 1; j < Math.min(lines.size(), at + 6); j++) {
                    if (OUTLOOK_NEXT.matcher(lines.get(j)).matches()) {
                        found++;
                    }
                }
                return found >= 2;
            }
        }
        return false;
    }

    /** Where the signature starts in the new text (its size when there is none). */
    private static int signatureStart(List<String> fresh) {
        int last = fresh.size();
        while (last > 0 && fresh.get(last - 1).isBlank()) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            String line = fresh.get(i);
            if (SIG_DASH.matcher(line).matches() || MOBILE.matcher(line).matches()) {
                return i;
            }
        }
        for (int i = last - 1; i >= Math.max(1, last - CLOSING_WINDOW); i--) {
            String line = fresh.get(i);
            if (CLOSING.matcher(line).matches() && line.strip().length() < 80) {
                return i;
            }
        }
        return fresh.size();
    }

    private static String join(List<String> lines) {
        return String.join("\n", lines).strip();
    }

    /** Whether a subject marks a forward. */
    static boolean isForwardSubject(String subject) {
        return subject != null && FORWARD_SUBJECT.matcher(subject.toLowerCase(Locale.ROOT)).find();
    }
}
