package ru.getmark.support.email.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Content-Transfer-Encoding decoded leniently: broken base64 lines and stray characters are skipped, bad
 * quoted-printable escapes are kept as they are, unknown encodings pass through. A customer's mail is never lost to a
 * mail client's encoding mistake.
 */
public final class TransferEncoding {

    private TransferEncoding() {
    }

    public static byte[] decode(byte[] raw, String encoding) {
        String e = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
        if (e.equals("base64")) {
            return EncodedWords.base64(new String(raw, StandardCharsets.ISO_8859_1));
        }
        if (e.equals("quoted-printable")) {
            return quotedPrintable(raw);
        }
        return raw;
    }

    static byte[] quotedPrintable(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        int n = raw.length;
        for (int i = 0; i < n; i++) {
            byte b = raw[i];
            if (b != '=') {
                out.write(b);
                continue;
            }
            // soft line break: "=" then optional trailing white space then CRLF or LF
            int j = i + 1;
            while (j < n && (raw[j] == ' ' || raw[j] == '\t')) {
                j++;
            }
            if (j < n && raw[j] == '\r' && j + 1 < n && raw[j + 1] == '\n') {
                i = j + 1;
                continue;
            }
            if (j < n && raw[j] == '\n') {
                i = j;
                continue;
            }
            if (j >= n) {
                break;
            }
            if (i + 2 < n) {
                int hi = EncodedWords.hex((char) raw[i + 1]);
                int lo = EncodedWords.hex((char) raw[i + 2]);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            out.write(b);
        }
        return out.toByteArray();
    }
}
