package no.carerelay.trajectory.pathway;

/** The event part of an NPR pathway code (domain brief §1, "Event suffixes"). */
public enum EventSuffix {
    A(Kind.START, "pathway start, referral received"),
    S(Kind.FIRST_VISIT, "investigation start, first visit"),
    O(Kind.TRANSFER, "transferred to another health trust"),
    CK(Kind.DECISION, "clinical decision: cancer confirmed, treatment decided"),
    CM(Kind.DECISION, "clinical decision: other cancer"),
    CA(Kind.DECISION, "clinical decision: other disease"),
    CI(Kind.DECISION, "clinical decision: no disease"),
    FK(Kind.TREATMENT, "treatment start: surgery"),
    FM(Kind.TREATMENT, "treatment start: drug"),
    FS(Kind.TREATMENT, "treatment start: radiotherapy"),
    FL(Kind.TREATMENT, "treatment start: symptom relief"),
    FO(Kind.TREATMENT, "treatment start: monitoring without treatment"),
    FI(Kind.TREATMENT, "treatment start: no treatment"),
    X(Kind.END, "pathway ended (patient declines, or death)");

    public enum Kind { START, FIRST_VISIT, TRANSFER, DECISION, TREATMENT, END }

    private final Kind kind;
    private final String description;

    EventSuffix(Kind kind, String description) {
        this.kind = kind;
        this.description = description;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }
}
