package no.carerelay.devstack;

import java.util.random.RandomGenerator;

/**
 * Synthetic fødselsnummer as Skatteetaten's Tenor issues them: birth month + 80, so they can never belong to a
 * person, with both check digits right. (testkit has one too, but testkit is a test library.)
 */
final class SyntheticNationalIds {

    private static final int[] W1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] W2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private SyntheticNationalIds() {
    }

    /** Someone born 1935-1989, the age of most cancer patients. */
    static String next(RandomGenerator random) {
        while (true) {
            int year = 1935 + random.nextInt(55);
            int month = 1 + random.nextInt(12);
            int day = 1 + random.nextInt(DAYS_IN_MONTH[month - 1]);
            // individual number: 000-499 for 1900-1999 (900-999 too from 1940, not needed here)
            int individual = random.nextInt(500);
            String base = "%02d%02d%02d%03d".formatted(day, month + 80, year % 100, individual);
            int k1 = checkDigit(base, W1);
            if (k1 == 10) {
                continue; // this individual number yields no valid number: draw another
            }
            int k2 = checkDigit(base + k1, W2);
            if (k2 == 10) {
                continue;
            }
            return base + k1 + k2;
        }
    }

    /** K = 11 - (weighted sum mod 11); 11 becomes 0; 10 means no valid digit exists. */
    private static int checkDigit(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int k = 11 - sum % 11;
        return k == 11 ? 0 : k;
    }
}
