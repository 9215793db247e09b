package ru.getmark.support.email.domain;

import ru.getmark.support.common.inn.Inn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the customer's ИНН in free text (R1).
 * <ul>
 *   <li>Labelled numbers: "ИНН 7707083893", "инн: 7707083893", "ИНН/КПП 7707083893/770701001", "ИНН организации —
 *       7707083893", "INN 7707083893"; digits may be grouped by single spaces or dashes ("7707 083 893").</li>
 *   <li>A lone 10- or 12-digit number with valid check digits, unless its surroundings say it is something else
 *       (telephone, order, invoice, "№", КПП, ОГРН, bank details, GTIN, part of a longer number or a date).</li>
 *   <li>A number failing the check digits is never an ИНН; a labelled one (8–14 digits, so typos count) is
 *       reported as the sender's invalid ИНН; so is a lone 10/12-digit one when nothing is labelled.</li>
 * </ul>
 * Several different valid ИНН: the first labelled one that is not a third party's ("ИНН контрагента ...",
 * "поставщика", "покупателя", "получателя", "отправителя", "клиента"), else the first labelled one, else — only when
 * nothing at all is labelled — the first lone one; in reading order, the subject first. A customer's own ИНН is what
 * they label first or sign with; the ticket text keeps the others for staff. A labelled ИНН that fails the check is
 * never replaced by a lone number found elsewhere: the sender is told their ИНН is wrong.
 */
final class InnFinder {

    private static final Pattern LABEL = Pattern.compile("(?<![\\p{L}\\p{N}])(инн|inn|и\\.н\\.н\\.)(?![\\p{L}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** What may stand between the label and the digits: "/КПП", ":", "№", a few words — on the same line. */
    private static final Pattern AFTER_LABEL = Pattern.compile("[^\\d\\n]{0,40}?(\\d+(?:[ -]\\d+)*)");
    private static final Pattern LONE = Pattern.compile("(?<![\\d\\p{L}])(\\d{10}|\\d{12})(?![\\d\\p{L}])");
    private static final Pattern THIRD_PARTY = Pattern.compile(
            "контрагент|поставщик|покупател|получател|отправител|клиент|contractor|supplier|buyer",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern NOT_INN_BEFORE = Pattern.compile(
            "(тел|phone|моб|факс|fax|whatsapp|viber|№|#|n[o°]\\.?|заказ|счет|счёт|кпп|огрн|бик|р/с|к/с|р\\.с|"
                    + "счета|gtin|штрих|артикул|код|id|ид|номер|накладн|упд|документ|\\+7|\\+|ext|доб)[^\\d\\n]{0,12}$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** One number that may be an ИНН. */
    record Candidate(String digits, boolean labelled, boolean thirdParty, Optional<Inn.Problem> problem) {
        boolean valid() {
            return problem.isEmpty();
        }
    }

    /** The outcome: the chosen valid ИНН, or the invalid candidates (problem reporting), or nothing. */
    record Result(String inn, List<Candidate> invalid) {
        boolean found() {
            return inn != null;
        }
    }

    private InnFinder() {
    }

    /**
     * Looks in the given texts in order (subject, new text with signature ...); {@code fallback} (quoted history) is
     * searched only for a valid ИНН when the others hold none.
     */
    static Result find(List<String> texts, String fallback) {
        List<Candidate> all = new ArrayList<>();
        for (String text : texts) {
            all.addAll(candidates(text));
        }
        String chosen = choose(all);
        if (chosen == null && fallback != null) {
            chosen = choose(candidates(fallback));
        }
        List<Candidate> invalid = new ArrayList<>();
        if (chosen == null) {
            boolean anyLabelled = all.stream().anyMatch(Candidate::labelled);
            for (Candidate c : all) {
                if (!c.valid() && (c.labelled() || !anyLabelled)
                        && invalid.stream().noneMatch(i -> i.digits().equals(c.digits()))) {
                    invalid.add(c);
                }
            }
        }
        return new Result(chosen, invalid);
    }

    private static String choose(List<Candidate> all) {
        boolean anyLabelled = false;
        for (Candidate c : all) {
            anyLabelled |= c.labelled();
            if (c.valid() && c.labelled() && !c.thirdParty()) {
                return c.digits();
            }
        }
        for (Candidate c : all) {
            if (c.valid() && c.labelled()) {
                return c.digits();
            }
        }
        if (anyLabelled) {
            return null; // the sender labelled an ИНН and got it wrong: a stray number elsewhere is not a better guess
        }
        for (Candidate c : all) {
            if (c.valid()) {
                return c.digits();
            }
        }
        return null;
    }

    static List<Candidate> candidates(String text) {
        List<Candidate> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        List<int[]> labelledSpans = new ArrayList<>();
        Matcher label = LABEL.matcher(text);
        while (label.find()) {
            Matcher digits = AFTER_LABEL.matcher(text).region(label.end(), text.length());
            if (!digits.lookingAt()) {
                continue;
            }
            String between = text.substring(label.end(), digits.start(1));
            String raw = digits.group(1);
            String number = raw.replaceAll("[ -]", "");
            if (number.length() != 10 && number.length() != 12) {
                number = raw.split("[ -]")[0];
            }
            labelledSpans.add(new int[]{digits.start(1), digits.end(1)});
            if (number.length() < 8 || number.length() > 14) {
                continue;
            }
            String before = text.substring(Math.max(0, label.start() - 40), label.start());
            boolean thirdParty = THIRD_PARTY.matcher(between).find() || THIRD_PARTY.matcher(lastClause(before)).find();
            out.add(new Candidate(number, true, thirdParty, Inn.check(number)));
        }
        Matcher lone = LONE.matcher(text);
        while (lone.find()) {
            int start = lone.start(1);
            if (insideAny(labelledSpans, start)) {
                continue;
            }
            if (isPartOfSomethingElse(text, start, lone.end(1))) {
                continue;
            }
            out.add(new Candidate(lone.group(1), false, false, Inn.check(lone.group(1))));
        }
        out.sort((a, b) -> Integer.compare(position(text, a), position(text, b)));
        return out;
    }

    private static int position(String text, Candidate c) {
        int i = text.indexOf(c.digits());
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** The words of the same clause before a label ("ИНН контрагента" vs "наш ИНН, а у контрагента ..."). */
    private static String lastClause(String before) {
        int cut = Math.max(Math.max(before.lastIndexOf('.'), before.lastIndexOf('\n')),
                Math.max(before.lastIndexOf(','), before.lastIndexOf(';')));
        return cut >= 0 ? before.substring(cut + 1) : before;
    }

    private static boolean insideAny(List<int[]> spans, int pos) {
        for (int[] s : spans) {
            if (pos >= s[0] && pos < s[1]) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPartOfSomethingElse(String text, int start, int end) {
        String before = text.substring(Math.max(0, start - 20), start);
        int nl = before.lastIndexOf('\n');
        if (nl >= 0) {
            before = before.substring(nl + 1);
        }
        if (NOT_INN_BEFORE.matcher(before.toLowerCase(Locale.ROOT)).find()) {
            return true;
        }
        // glued to other digits by separators: 7707083893/770701001, 12.03.2026 1234567890-1, +7 ...
        char prev = start > 0 ? text.charAt(start - 1) : ' ';
        char next = end < text.length() ? text.charAt(end) : ' ';
        char afterNext = end + 1 < text.length() ? text.charAt(end + 1) : ' ';
        char beforePrev = start > 1 ? text.charAt(start - 2) : ' ';
        boolean gluedAfter = (next == '/' || next == '.' || next == ',' || next == '-' || next == ':')
                && Character.isDigit(afterNext);
        boolean gluedBefore = (prev == '/' || prev == '.' || prev == ',' || prev == '-' || prev == ':'
                || prev == '=' || prev == '_' || prev == '+') && (Character.isLetterOrDigit(beforePrev) || prev == '+');
        return gluedAfter || gluedBefore;
    }
}
