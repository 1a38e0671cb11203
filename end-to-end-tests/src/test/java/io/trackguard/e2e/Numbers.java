package io.trackguard.e2e;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Well-formed tracking numbers that no shipment has. The check symbol is computed here from
 * the published rule (weights 1..18, sum divisible by 31), independently of the service's code.
 */
final class Numbers {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private Numbers() {
    }

    static String unknown() {
        StringBuilder s = new StringBuilder();
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ThreadLocalRandom.current().nextInt(31);
            s.append(ALPHABET.charAt(v));
            sum += (i + 1) * v;
        }
        for (int check = 0; check < 31; check++) {
            if ((sum + 18 * check) % 31 == 0) {
                return s.append(ALPHABET.charAt(check)).toString();
            }
        }
        throw new IllegalStateException("31 is prime: a check symbol always exists");
    }

    /** The same number with its first two symbols swapped (or changed, if they are equal). */
    static String mistyped(String number) {
        if (number.charAt(0) != number.charAt(1)) {
            return "" + number.charAt(1) + number.charAt(0) + number.substring(2);
        }
        char other = number.charAt(0) == '2' ? '3' : '2';
        return other + number.substring(1);
    }
}
