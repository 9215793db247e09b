package ru.getmark.support.email.corpus;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small tools to write raw emails the way real clients do: hand-written RFC 5322 text in any charset, Jakarta Mail
 * messages with a fixed Message-ID, encoded words, base64 and quoted-printable bodies, and realistic file bytes.
 */
public final class Mails {

    public static final Charset CP1251 = Charset.forName("windows-1251");
    public static final Charset KOI8_R = Charset.forName("KOI8-R");
    public static final String CRLF = "\r\n";

    private static final Session SESSION = Session.getInstance(new Properties());

    private Mails() {
    }

    /** Lines joined with CRLF, encoded in {@code charset} (8-bit clients write headers and body in one charset). */
    public static byte[] raw(Charset charset, String... lines) {
        return (String.join(CRLF, lines) + CRLF).getBytes(charset);
    }

    /** Lines joined with CRLF, UTF-8. */
    public static byte[] raw(String... lines) {
        return raw(StandardCharsets.UTF_8, lines);
    }

    /** Concatenates byte arrays (headers in ASCII, a body in another charset ...). */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A Jakarta Mail message that keeps the Message-ID it is given (saveChanges would replace it). */
    public static MimeMessage message(String messageId) {
        return new MimeMessage(SESSION) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
    }

    /** The bytes of a Jakarta Mail message, as it would travel. */
    public static byte[] bytes(MimeMessage message) {
        try {
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 2047 B-encoded word. */
    public static String b(String text, Charset charset) {
        return "=?" + charset.name() + "?B?" + Base64.getEncoder().encodeToString(text.getBytes(charset)) + "?=";
    }

    /** An RFC 2047 Q-encoded word. */
    public static String q(String text, Charset charset) {
        StringBuilder sb = new StringBuilder("=?" + charset.name() + "?Q?");
        for (byte b : text.getBytes(charset)) {
            int u = b & 0xFF;
            if (u == ' ') {
                sb.append('_');
            } else if (u > 0x20 && u < 0x7F && u != '=' && u != '?' && u != '_') {
                sb.append((char) u);
            } else {
                sb.append('=').append(String.format("%02X", u));
            }
        }
        return sb.append("?=").toString();
    }

    /**
     * A UTF-8 B-encoded header split into several encoded words in the middle of a character, as Outlook does for
     * long subjects.
     */
    public static String splitB(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        int chunk = 13; // odd on purpose: cuts two-byte Cyrillic letters in half
        for (int i = 0; i < bytes.length; i += chunk) {
            byte[] part = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk));
            if (sb.length() > 0) {
                sb.append(CRLF).append(' ');
            }
            sb.append("=?utf-8?B?").append(Base64.getEncoder().encodeToString(part)).append("?=");
        }
        return sb.toString();
    }

    /** base64 body lines of 76 characters. */
    public static String base64(byte[] bytes) {
        return Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
    }

    /** base64 body of a text in a charset. */
    public static String base64(String text, Charset charset) {
        return base64(text.getBytes(charset));
    }

    /** Quoted-printable body of a text in a charset (soft line breaks at 76). */
    public static String qp(String text, Charset charset) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            StringBuilder l = new StringBuilder();
            for (byte b : line.getBytes(charset)) {
                int u = b & 0xFF;
                String piece = (u >= 33 && u <= 126 && u != '=') || u == ' ' ? String.valueOf((char) u)
                        : String.format("=%02X", u);
                if (l.length() + piece.length() > 75) {
                    out.append(l).append('=').append(CRLF);
                    l.setLength(0);
                }
                l.append(piece);
            }
            if (l.length() > 0 && l.charAt(l.length() - 1) == ' ') {
                l.setLength(l.length() - 1);
                l.append("=20");
            }
            out.append(l).append(CRLF);
        }
        return out.toString();
    }

    /** A small but well-formed-looking PNG (signature, IHDR, filler) of about {@code size} bytes. */
    public static byte[] png(int size, long seed) {
        byte[] bytes = new byte[Math.max(size, 64)];
        new Random(seed).nextBytes(bytes);
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    /** A tiny PDF. */
    public static byte[] pdf(String title) {
        String pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% " + title + "\ntrailer << /Root 1 0 R >>\n%%EOF\n";
        return pdf.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A real zip archive with one text file. */
    public static byte[] zip(String entryName, String content) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
                zip.putNextEntry(new ZipEntry(entryName));
                zip.write(content.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Random, incompressible bytes (a large file). */
    public static byte[] noise(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
