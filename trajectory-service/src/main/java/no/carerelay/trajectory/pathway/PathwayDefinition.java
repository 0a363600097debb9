package no.carerelay.trajectory.pathway;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** One cancer patient pathway (pakkeforløp) with every version of its lead times, oldest first. */
public record PathwayDefinition(String code, String name, boolean codeConfirmed, String codeNote, List<PathwayVersion> versions) {

    public PathwayDefinition {
        versions = versions.stream().sorted(Comparator.comparing(PathwayVersion::validFrom)).toList();
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("pathway " + code + " has no version");
        }
    }

    /** The version in force on {@code startDate}; before the first version, the first (the pathway did not exist yet). */
    public PathwayVersion versionOn(LocalDate startDate) {
        PathwayVersion chosen = versions.get(0);
        for (PathwayVersion version : versions) {
            if (!version.validFrom().isAfter(startDate)) {
                chosen = version;
            }
        }
        return chosen;
    }

    public Optional<PathwayVersion> version(LocalDate validFrom) {
        return versions.stream().filter(v -> v.validFrom().equals(validFrom)).findFirst();
    }
}
