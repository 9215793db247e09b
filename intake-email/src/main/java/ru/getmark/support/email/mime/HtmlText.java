package ru.getmark.support.email.mime;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.Locale;
import java.util.Set;

/**
 * HTML mail as readable plain text: scripts, styles and the head gone; paragraphs, divs, list items, table rows and
 * {@code <br>} become line breaks; links keep their text and, when it differs, their address in brackets; quoted
 * blocks ({@code <blockquote>}) get "> " in front of each line so that triage recognises quoted history.
 */
public final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "table", "tbody", "thead", "ul", "ol",
            "h1", "h2", "h3", "h4", "h5", "h6", "pre", "section", "article", "header", "footer", "dl", "dt", "dd",
            "address", "center", "form", "fieldset", "hr", "blockquote", "o:p");
    private static final Set<String> DROP = Set.of("script", "style", "head", "title", "noscript", "template",
            "object", "embed", "iframe", "svg", "xml", "meta", "link");

    private HtmlText() {
    }

    public static String toText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document doc = Jsoup.parse(html);
        for (String tag : DROP) {
            doc.select(tag).remove();
        }
        StringBuilder out = new StringBuilder();
        Element root = doc.body() != null ? doc.body() : doc;
        render(root, out, false);
        return tidy(out.toString());
    }

    private static void render(Node node, StringBuilder out, boolean pre) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode text) {
                String s = pre ? text.getWholeText() : text.getWholeText().replaceAll("[\\s\\u00A0]+", " ");
                if (!pre && (out.length() == 0 || out.charAt(out.length() - 1) == '\n') && s.startsWith(" ")) {
                    s = s.substring(1);
                }
                out.append(s.replace('\u00A0', ' '));
            } else if (child instanceof Element el) {
                String tag = el.normalName().toLowerCase(Locale.ROOT);
                switch (tag) {
                    case "br" -> out.append('\n');
                    case "hr" -> {
                        newline(out);
                        out.append("----------\n");
                    }
                    case "img" -> {
                        String alt = el.attr("alt").strip();
                        if (!alt.isEmpty()) {
                            out.append('[').append(alt).append(']');
                        }
                    }
                    case "a" -> {
                        int start = out.length();
                        render(el, out, pre);
                        String label = out.substring(start).strip();
                        String href = el.attr("href").strip();
                        if (href.regionMatches(true, 0, "http", 0, 4) && !label.equals(href)
                                && !label.equals(href.replaceFirst("^https?://", ""))) {
                            out.append(label.isEmpty() ? href : " (" + href + ")");
                        }
                    }
                    case "blockquote" -> {
                        newline(out);
                        StringBuilder inner = new StringBuilder();
                        render(el, inner, pre);
                        for (String line : tidy(inner.toString()).split("\n", -1)) {
                            out.append(line.isEmpty() ? ">" : "> " + line).append('\n');
                        }
                    }
                    case "td", "th" -> {
                        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n'
                                && out.charAt(out.length() - 1) != ' ') {
                            out.append(' ');
                        }
                        render(el, out, pre);
                        out.append(' ');
                    }
                    case "li" -> {
                        newline(out);
                        out.append("- ");
                        render(el, out, pre);
                        newline(out);
                    }
                    case "pre" -> {
                        newline(out);
                        render(el, out, true);
                        newline(out);
                    }
                    case "p" -> {
                        newline(out);
                        if (out.length() > 1 && !(out.charAt(out.length() - 2) == '\n')) {
                            out.append('\n');
                        }
                        render(el, out, pre);
                        newline(out);
                        out.append('\n');
                    }
                    default -> {
                        boolean block = BLOCKS.contains(tag);
                        if (block) {
                            newline(out);
                        }
                        render(el, out, pre);
                        if (block) {
                            newline(out);
                        }
                    }
                }
            }
        }
    }

    private static void newline(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    /** Trailing spaces off every line, at most one blank line in a row, no blank lines at the ends. */
    public static String tidy(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int blank = 0;
        for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            String l = line.stripTrailing();
            if (l.isBlank()) {
                blank++;
                continue;
            }
            if (out.length() > 0) {
                out.append(blank > 0 ? "\n\n" : "\n");
            }
            out.append(l);
            blank = 0;
        }
        return out.toString();
    }
}
