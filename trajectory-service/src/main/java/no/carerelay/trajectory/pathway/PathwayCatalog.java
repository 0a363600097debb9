package no.carerelay.trajectory.pathway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import no.carerelay.contracts.trajectory.DeadlineInterval;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pathway definitions, read from JSON files at start-up: one file per pathway (or per added version of one).
 * New versions and new pathways are data: drop a file into a configured location and restart, no code change.
 * Files for the same pathway code are merged; two versions with the same {@code validFrom} are an error.
 */
public final class PathwayCatalog {

    private static final Logger log = LoggerFactory.getLogger(PathwayCatalog.class);

    private final Map<String, PathwayDefinition> pathways;
    private final List<HomePathway> homeVersions;

    public PathwayCatalog(Map<String, PathwayDefinition> pathways, List<HomePathway> homeVersions) {
        this.pathways = Map.copyOf(pathways);
        this.homeVersions = homeVersions.stream().sorted(Comparator.comparing(HomePathway::validFrom)).toList();
        if (this.homeVersions.isEmpty()) {
            throw new IllegalStateException("no Pakkeforløp hjem definition found");
        }
    }

    /** Reads every file matching the given resource patterns (e.g. {@code classpath*:pathways/*.json}, {@code file:/etc/x/*.json}). */
    public static PathwayCatalog load(Collection<String> pathwayPatterns, Collection<String> homePatterns) {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, List<JsonNode>> byCode = new TreeMap<>();
        for (Resource resource : resources(pathwayPatterns)) {
            JsonNode doc = read(json, resource);
            byCode.computeIfAbsent(text(doc, "code", resource), c -> new ArrayList<>()).add(doc);
        }
        Map<String, PathwayDefinition> pathways = new LinkedHashMap<>();
        byCode.forEach((code, docs) -> pathways.put(code, merge(code, docs)));
        List<HomePathway> home = new ArrayList<>();
        for (Resource resource : resources(homePatterns)) {
            for (JsonNode version : read(json, resource).path("versions")) {
                home.add(new HomePathway(LocalDate.parse(text(version, "validFrom", resource)), text(version, "source", resource),
                        version.path("sp2").path("fromMonths").asInt(), version.path("sp2").path("toMonths").asInt(),
                        version.path("sp3").path("fromMonths").asInt(), version.path("sp3").path("toMonths").asInt()));
            }
        }
        PathwayCatalog catalog = new PathwayCatalog(pathways, home);
        log.info("Pathway definitions loaded: {}", pathways.values().stream()
                .map(p -> p.code() + " (" + p.versions().size() + " version" + (p.versions().size() == 1 ? "" : "s") + ")").toList());
        return catalog;
    }

    public Optional<PathwayDefinition> find(String code) {
        return Optional.ofNullable(pathways.get(code));
    }

    public List<PathwayDefinition> all() {
        return pathways.values().stream().sorted(Comparator.comparing(PathwayDefinition::code)).toList();
    }

    /** The Pakkeforløp hjem version in force on the diagnosis date (the first one for earlier diagnoses). */
    public HomePathway homePathwayOn(LocalDate diagnosis) {
        HomePathway chosen = homeVersions.get(0);
        for (HomePathway version : homeVersions) {
            if (!version.validFrom().isAfter(diagnosis)) {
                chosen = version;
            }
        }
        return chosen;
    }

    public List<HomePathway> homePathwayVersions() {
        return homeVersions;
    }

    private static PathwayDefinition merge(String code, List<JsonNode> docs) {
        String name = null;
        String codeNote = null;
        boolean codeConfirmed = false;
        Map<LocalDate, PathwayVersion> versions = new TreeMap<>();
        for (JsonNode doc : docs) {
            if (doc.hasNonNull("name")) {
                name = doc.get("name").asString();
                codeConfirmed = doc.path("codeConfirmed").asBoolean(false);
                codeNote = doc.path("codeNote").asString(null);
            }
            for (JsonNode v : doc.path("versions")) {
                PathwayVersion version = version(code, v);
                if (versions.put(version.validFrom(), version) != null) {
                    throw new IllegalStateException("pathway " + code + " has two versions valid from " + version.validFrom());
                }
            }
        }
        if (name == null) {
            throw new IllegalStateException("pathway " + code + " has no name in any of its files");
        }
        return new PathwayDefinition(code, name, codeConfirmed, codeNote, List.copyOf(versions.values()));
    }

    private static PathwayVersion version(String code, JsonNode v) {
        LocalDate validFrom = LocalDate.parse(v.path("validFrom").asString());
        List<LeadTime> leadTimes = new ArrayList<>();
        for (JsonNode l : v.path("leadTimes")) {
            TreatmentType treatment = l.hasNonNull("treatment") ? TreatmentType.valueOf(l.get("treatment").asString()) : null;
            leadTimes.add(new LeadTime(DeadlineInterval.valueOf(l.path("interval").asString()), treatment, l.path("days").asInt(-1),
                    l.path("source").asString(null)));
        }
        PathwayVersion version = new PathwayVersion(validFrom, v.path("confirmed").asBoolean(false), v.path("source").asString(""), leadTimes);
        checkTotals(code, version);
        return version;
    }

    /** OF4 is the sum of the intervals before it; a mismatch is a typo in the data, refused at start-up. */
    static void checkTotals(String code, PathwayVersion version) {
        int before = version.leadTime(DeadlineInterval.OF1, null).map(LeadTime::days).orElse(0)
                + version.leadTime(DeadlineInterval.OF2, null).map(LeadTime::days).orElse(0);
        for (LeadTime total : version.leadTimes()) {
            if (total.interval() != DeadlineInterval.OF4) {
                continue;
            }
            int of3 = total.treatment() == null ? 0
                    : version.leadTime(DeadlineInterval.OF3, total.treatment()).map(LeadTime::days).orElseThrow(() -> new IllegalStateException(
                            "pathway " + code + " version " + version.validFrom() + " has OF4 but no OF3 for " + total.treatment()));
            if (total.days() != before + of3) {
                throw new IllegalStateException("pathway " + code + " version " + version.validFrom() + ": OF4 " + total.treatment() + " is "
                        + total.days() + " days but OF1 + OF2 + OF3 make " + (before + of3));
            }
        }
    }

    private static List<Resource> resources(Collection<String> patterns) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        List<Resource> resources = new ArrayList<>();
        for (String pattern : patterns) {
            if (pattern == null || pattern.isBlank()) {
                continue;
            }
            try {
                for (Resource resource : resolver.getResources(pattern.trim())) {
                    if (resource.exists()) {
                        resources.add(resource);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list pathway definitions at " + pattern, e);
            }
        }
        resources.sort(Comparator.comparing(r -> String.valueOf(r.getFilename())));
        return resources;
    }

    private static JsonNode read(JsonMapper json, Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pathway definition " + resource.getDescription(), e);
        }
    }

    private static String text(JsonNode node, String field, Resource resource) {
        if (!node.hasNonNull(field) || node.get(field).asString().isBlank()) {
            throw new IllegalStateException(resource.getDescription() + ": '" + field + "' is required");
        }
        return node.get(field).asString();
    }
}
