package no.carerelay.trajectory.web;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import no.carerelay.trajectory.compliance.LeadTimeCompliance;
import no.carerelay.trajectory.pathway.HomePathway;
import no.carerelay.trajectory.pathway.PathwayCatalog;
import no.carerelay.trajectory.pathway.PathwayDefinition;

/** The pathway definitions in force and lead-time compliance per pathway and trust. */
@RestController
class PathwayController {

    private static final Pattern PATHWAY = Pattern.compile("A[0-9]{2}|B01|C01");
    private static final Pattern ORGANISATION_NUMBER = Pattern.compile("[0-9]{9}");

    private final PathwayCatalog catalog;
    private final LeadTimeCompliance compliance;

    PathwayController(PathwayCatalog catalog, LeadTimeCompliance compliance) {
        this.catalog = catalog;
        this.compliance = compliance;
    }

    record Pathways(List<PathwayDefinition> pathways, List<HomePathway> homePathway) {
    }

    @GetMapping("/api/v1/pathways")
    Pathways pathways() {
        return new Pathways(catalog.all(), catalog.homePathwayVersions());
    }

    /** Share of treatment starts within the standard OF4 lead time, per pathway and starting trust; target 0.70. */
    @GetMapping("/api/v1/lead-time-compliance")
    List<LeadTimeCompliance.Share> compliance(@RequestParam(required = false) String pathway, @RequestParam(required = false) String hospital,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to) {
        List<InvalidRequestException.Violation> violations = new java.util.ArrayList<>();
        if (pathway != null && !PATHWAY.matcher(pathway).matches()) {
            violations.add(new InvalidRequestException.Violation("pathway", "must be a pathway prefix: A00-A99, B01 or C01"));
        }
        if (hospital != null && !ORGANISATION_NUMBER.matcher(hospital).matches()) {
            violations.add(new InvalidRequestException.Violation("hospital", "must be a nine-digit organisation number"));
        }
        if (from != null && to != null && from.isAfter(to)) {
            violations.add(new InvalidRequestException.Violation("from", "must not be after 'to'"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return compliance.shares(pathway, hospital, from, to);
    }
}
