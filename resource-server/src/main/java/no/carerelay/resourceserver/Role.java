package no.carerelay.resourceserver;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roles a CareRelay token can carry (claim {@code roles}, an array of the claim values below). A role says what
 * kind of caller this is; which patients it may see is decided by the service from the other claims (a
 * municipality's kommunenummer) and its own data (care teams, the addressed municipality).
 */
public enum Role {

    /** A hospital's integration engine: sends encounters and pathway events, reads nothing back. */
    HOSPITAL_SYSTEM("hospital-system"),
    /** A municipality's system: its own residents' handovers and its own webhook subscriptions (needs kommunenummer). */
    MUNICIPALITY("municipality"),
    /** The municipal cancer coordinator: works the municipality's worklist and its patients' care (needs kommunenummer). */
    MUNICIPAL_COORDINATOR("municipal-coordinator"),
    /** The hospital's pathway coordinator: its patients' trajectories, care teams and plans. */
    PATHWAY_COORDINATOR("pathway-coordinator"),
    /** Runs the platform: delivery and ingest logs, replays, subscriptions. Never patient data. */
    OPERATOR("operator"),
    /** Reviews who accessed what: the access logs and their verification. */
    AUDITOR("auditor"),
    /**
     * A patient, signed in through the national ID gateway (ID-porten): only their own access log, only in
     * patient-service, which alone may read the token's {@code pid} (the national ID number) to find the pseudonym.
     */
    PATIENT("patient");

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    /** The value in the token's {@code roles} claim. */
    public String claimValue() {
        return claimValue;
    }

    /** The Spring Security authority this role becomes ({@code ROLE_MUNICIPALITY}). */
    public String authority() {
        return "ROLE_" + name();
    }

    /** Roles that act for one municipality and so need its kommunenummer in the token. */
    public boolean actsForMunicipality() {
        return this == MUNICIPALITY || this == MUNICIPAL_COORDINATOR;
    }

    public static Optional<Role> fromClaim(String value) {
        return Arrays.stream(values()).filter(role -> role.claimValue.equals(value)).findFirst();
    }
}
