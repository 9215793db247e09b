package ru.getmark.support.local.bench;

import java.util.random.RandomGenerator;

/**
 * Valid ИНН for the benchmark's customers. common's {@code Inn} only validates; this computes the check digits the same
 * way (the tax service's weights), so that every generated number passes {@code Inn.check} in the adapters and in
 * ticket-service, and the numbers spread over regions and Kafka partitions as real customers' do.
 */
public final class InnGenerator {

    private static final int[] W10 = {2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] W12_11 = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] W12_12 = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};

    private InnGenerator() {
    }

    /** A 10-digit ИНН of an organisation: region code 01–92, inspection and serial digits at random, check digit. */
    public static String organisation(RandomGenerator random) {
        int[] d = new int[10];
        prefix(random, d, 9);
        d[9] = check(d, W10);
        return text(d);
    }

    /** A 12-digit ИНН of a sole proprietor or a person: two check digits. */
    public static String individual(RandomGenerator random) {
        int[] d = new int[12];
        prefix(random, d, 10);
        d[10] = check(d, W12_11);
        d[11] = check(d, W12_12);
        return text(d);
    }

    /** The region code (never 00, so never all zeros) and random digits up to {@code length}. */
    private static void prefix(RandomGenerator random, int[] d, int length) {
        int region = 1 + random.nextInt(92);
        d[0] = region / 10;
        d[1] = region % 10;
        for (int i = 2; i < length; i++) {
            d[i] = random.nextInt(10);
        }
    }

    private static int check(int[] digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * digits[i];
        }
        return sum % 11 % 10;
    }

    private static String text(int[] digits) {
        StringBuilder s = new StringBuilder(digits.length);
        for (int digit : digits) {
            s.append((char) ('0' + digit));
        }
        return s.toString();
    }
}
