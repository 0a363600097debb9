package no.carerelay.trajectory.pathway;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import no.carerelay.contracts.trajectory.DeadlineInterval;

/** The lead times of one pathway from a date on; a trajectory keeps the version in force on its start date. */
public record PathwayVersion(LocalDate validFrom, boolean confirmed, String source, List<LeadTime> leadTimes) {

    public PathwayVersion {
        leadTimes = List.copyOf(leadTimes);
    }

    public Optional<LeadTime> leadTime(DeadlineInterval interval, TreatmentType treatment) {
        return leadTimes.stream().filter(l -> l.interval() == interval && l.treatment() == treatment).findFirst();
    }

    /** OF3 or OF4 for every treatment the pathway defines. */
    public List<LeadTime> perTreatment(DeadlineInterval interval) {
        return leadTimes.stream().filter(l -> l.interval() == interval && l.treatment() != null).toList();
    }

    /** The strictest per-treatment lead time: used while the planned treatment is not known. */
    public Optional<LeadTime> shortest(DeadlineInterval interval) {
        return perTreatment(interval).stream().min(Comparator.comparingInt(LeadTime::days));
    }
}
