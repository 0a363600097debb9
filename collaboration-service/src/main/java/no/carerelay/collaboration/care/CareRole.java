package no.carerelay.collaboration.care;

/** The roles around a cancer patient across sectors (domain brief § 2), each belonging to one sector. */
public enum CareRole {
    /** forløpskoordinator in the hospital */
    PATHWAY_COORDINATOR(Sector.HOSPITAL),
    /** kontaktlege, sphl § 2-5c */
    CONTACT_DOCTOR(Sector.HOSPITAL),
    /** palliativt team (consultative, in the hospital trust) */
    PALLIATIVE_TEAM(Sector.HOSPITAL),
    /** fastlege */
    GP(Sector.MUNICIPALITY),
    /** hjemmesykepleie */
    HOME_NURSING(Sector.MUNICIPALITY),
    /** kreftkoordinator in the municipality */
    MUNICIPAL_CANCER_COORDINATOR(Sector.MUNICIPALITY);

    public enum Sector {
        HOSPITAL, MUNICIPALITY
    }

    private final Sector sector;

    CareRole(Sector sector) {
        this.sector = sector;
    }

    public Sector sector() {
        return sector;
    }
}
