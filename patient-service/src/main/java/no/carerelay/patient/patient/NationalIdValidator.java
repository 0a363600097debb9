package no.carerelay.patient.patient;

/**
 * Validates fødselsnummer, D-number and H-number exactly (domain brief section 5): eleven digits, a possible
 * date, and both check digits. K1 is accepted under the rule for numbers issued from 2032 too, where the
 * weighted sum including K1 may leave 0, 1, 2 or 3 modulo 11 (0 is the classic rule). Synthetic numbers with
 * month + 80 (Skatteetaten's Tenor) are accepted only when configured.
 */
public final class NationalIdValidator {

    private static final int[] W1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] W2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private final boolean acceptSynthetic;

    public NationalIdValidator(boolean acceptSynthetic) {
        this.acceptSynthetic = acceptSynthetic;
    }

    public NationalId validate(String input) {
        if (input == null || input.isEmpty()) {
            throw new InvalidNationalIdException("national ID number is missing");
        }
        if (input.length() != 11 || !input.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidNationalIdException("national ID number must be exactly 11 digits");
        }
        int[] d = input.chars().map(c -> c - '0').toArray();
        int day = d[0] * 10 + d[1];
        int month = d[2] * 10 + d[3];
        int year = d[4] * 10 + d[5];

        NationalIdKind kind = NationalIdKind.FODSELSNUMMER;
        if (d[0] >= 4 && d[0] <= 7) {
            kind = NationalIdKind.D_NUMBER;
            day -= 40;
        }
        boolean synthetic = false;
        if (month > 80) {
            if (!acceptSynthetic) {
                throw new InvalidNationalIdException("synthetic test numbers (month + 80) are not accepted here");
            }
            synthetic = true;
            month -= 80;
        } else if (month > 40) {
            if (kind == NationalIdKind.D_NUMBER) {
                throw new InvalidNationalIdException("national ID number cannot be both a D-number and an H-number");
            }
            kind = NationalIdKind.H_NUMBER;
            month -= 40;
        }
        if (month < 1 || month > 12) {
            throw new InvalidNationalIdException("national ID number has no valid birth month");
        }
        // The century is not derivable from numbers issued from 2032, so 29 February is allowed in any year
        // divisible by four (00 included: 2000 was a leap year).
        int maxDay = month == 2 && year % 4 != 0 ? 28 : DAYS_IN_MONTH[month - 1];
        if (day < 1 || day > maxDay) {
            throw new InvalidNationalIdException("national ID number has no valid birth day");
        }
        int sum1 = weightedSum(d, W1);
        if ((sum1 + d[9]) % 11 > 3) {
            throw new InvalidNationalIdException("national ID number has a wrong first check digit");
        }
        int k2 = 11 - weightedSum(d, W2) % 11;
        if (k2 == 11) {
            k2 = 0;
        }
        if (k2 == 10 || k2 != d[10]) {
            throw new InvalidNationalIdException("national ID number has a wrong second check digit");
        }
        return new NationalId(input, kind, synthetic);
    }

    private static int weightedSum(int[] digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += digits[i] * weights[i];
        }
        return sum;
    }
}
