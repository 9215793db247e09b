package ru.getmark.support.ticket.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Personal confirmation links (R12): a random 256-bit token per solution, of which only the SHA-256 is stored, so
 * that a link cannot be guessed, forged or recovered from the database. The token in the path is the capability.
 */
@ApplicationScoped
public class ConfirmationLinks {

    private final SecureRandom random = new SecureRandom();
    private final String publicUrl;

    public ConfirmationLinks(@ConfigProperty(name = "getmark.public-url", defaultValue = "http://localhost:8080")
                             String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** A fresh token (URL-safe Base64 of 32 random bytes). */
    public String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The page customers open: {@code {getmark.public-url}/confirm/{token}}. */
    public String url(String token) {
        return publicUrl + "/confirm/" + token;
    }

    /** What the database keeps of a token. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
