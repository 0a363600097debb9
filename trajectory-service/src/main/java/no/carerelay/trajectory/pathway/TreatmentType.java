package no.carerelay.trajectory.pathway;

import java.util.Optional;

/** The treatments a pathway sets a lead time for; the NPR suffix that registers each one's start. */
public enum TreatmentType {
    SURGERY("FK", "surgery start"),
    DRUG("FM", "drug treatment start"),
    RADIOTHERAPY("FS", "radiotherapy start");

    private final String suffix;
    private final String description;

    TreatmentType(String suffix, String description) {
        this.suffix = suffix;
        this.description = description;
    }

    public String suffix() {
        return suffix;
    }

    public String description() {
        return description;
    }

    /** FK/FM/FS; FL (symptom relief), FO (monitoring) and FI (no treatment) have no standard lead time. */
    public static Optional<TreatmentType> ofSuffix(EventSuffix suffix) {
        for (TreatmentType type : values()) {
            if (type.suffix.equals(suffix.name())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
