package no.carerelay.testkit;

import java.time.LocalDate;
import java.util.Random;

/**
 * Synthetic Norwegian national ID numbers as Skatteetaten's Tenor test data issues them: the birth month + 80 and
 * check digits computed on the changed digits. No real person can have one (a real month is 01-12), so tests and
 * demos use only these, and the repository hook that flags real-looking IDs stays quiet.
 *
 * <p>Layout: DDMMYY III K1 K2; the individual number III follows the century series (births 1900-1999: 000-499,
 * 2000-2039: 500-999); an individual number whose check digit would be 10 is never issued, so another is drawn.
 */
public final class SyntheticNationalIds {

    /** Weights of the first check digit over digits 1-9, and of the second over digits 1-10. */
    private static final int[] W1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] W2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    private SyntheticNationalIds() {
    }

    /** A synthetic fødselsnummer with a birth date between 1930 and 2005. */
    public static String fodselsnummer(Random random) {
        LocalDate from = LocalDate.of(1930, 1, 1);
        int days = (int) (LocalDate.of(2005, 12, 31).toEpochDay() - from.toEpochDay());
        return fodselsnummer(from.plusDays(random.nextInt(days + 1)), random);
    }

    /** A synthetic fødselsnummer for this birth date (1900-2039). */
    public static String fodselsnummer(LocalDate birthDate, Random random) {
        return generate(birthDate, 0, null, random);
    }

    /** A synthetic fødselsnummer for this birth date and legal sex: the individual number's last digit is even for women. */
    public static String fodselsnummer(LocalDate birthDate, boolean female, Random random) {
        return generate(birthDate, 0, female, random);
    }

    /** A synthetic D-number (as for a foreign worker): day + 40 and month + 80. */
    public static String dNumber(LocalDate birthDate, Random random) {
        return generate(birthDate, 40, null, random);
    }

    /** Whether this is eleven digits with both check digits right (weights above, mod 11); says nothing of the date. */
    public static boolean hasValidCheckDigits(String number) {
        if (number == null || !number.matches("[0-9]{11}")) {
            return false;
        }
        int[] d = number.chars().map(c -> c - '0').toArray();
        int k1 = checkDigit(d, W1);
        int k2 = checkDigit(d, W2);
        return k1 == d[9] && k2 == d[10];
    }

    private static String generate(LocalDate birthDate, int dayOffset, Boolean female, Random random) {
        int year = birthDate.getYear();
        if (year < 1900 || year > 2039) {
            throw new IllegalArgumentException("synthetic numbers are generated for births 1900-2039, not " + birthDate);
        }
        // individual number series by century: 1900-1999 -> 000-499, 2000-2039 -> 500-999
        int seriesStart = year < 2000 ? 0 : 500;
        for (int attempt = 0; attempt < 1000; attempt++) {
            int individual = seriesStart + random.nextInt(500);
            if (female != null && (individual % 2 == 0) != female) {
                continue;
            }
            String nine = String.format("%02d%02d%02d%03d", birthDate.getDayOfMonth() + dayOffset, birthDate.getMonthValue() + 80,
                    year % 100, individual);
            int[] d = new int[11];
            for (int i = 0; i < 9; i++) {
                d[i] = nine.charAt(i) - '0';
            }
            int k1 = checkDigit(d, W1);
            if (k1 == 10) {
                continue;
            }
            d[9] = k1;
            int k2 = checkDigit(d, W2);
            if (k2 == 10) {
                continue;
            }
            return nine + k1 + k2;
        }
        throw new IllegalStateException("no valid individual number found for " + birthDate);
    }

    private static int checkDigit(int[] digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += digits[i] * weights[i];
        }
        int k = 11 - sum % 11;
        return k == 11 ? 0 : k;
    }
}
