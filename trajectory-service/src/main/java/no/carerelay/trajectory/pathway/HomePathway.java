package no.carerelay.trajectory.pathway;

import java.time.LocalDate;

/**
 * Pakkeforløp hjem (domain brief §1): SP1 in hospital after the diagnosis, SP2 in the municipality about
 * {@code sp2FromMonths}-{@code sp2ToMonths} months after diagnosis, SP3 about {@code sp3FromMonths}-{@code sp3ToMonths}.
 */
public record HomePathway(LocalDate validFrom, String source, int sp2FromMonths, int sp2ToMonths, int sp3FromMonths, int sp3ToMonths) {

    public HomePathway {
        if (sp2FromMonths < 0 || sp2ToMonths < sp2FromMonths || sp3FromMonths < sp2ToMonths || sp3ToMonths < sp3FromMonths) {
            throw new IllegalArgumentException("Pakkeforløp hjem windows must be ordered: SP2 from <= to <= SP3 from <= to");
        }
    }

    public LocalDate sp2Opens(LocalDate diagnosis) {
        return diagnosis.plusMonths(sp2FromMonths);
    }

    public LocalDate sp2Due(LocalDate diagnosis) {
        return diagnosis.plusMonths(sp2ToMonths);
    }

    public LocalDate sp3Opens(LocalDate diagnosis) {
        return diagnosis.plusMonths(sp3FromMonths);
    }

    public LocalDate sp3Due(LocalDate diagnosis) {
        return diagnosis.plusMonths(sp3ToMonths);
    }
}
