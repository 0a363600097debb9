package no.carerelay.trajectory.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import no.carerelay.contracts.trajectory.DeadlineInterval;

class PathwayCatalogTest {

    private static final List<String> SHIPPED = List.of("classpath*:pathways/*.json");
    private static final List<String> HOME = List.of("classpath*:home-pathway/*.json");

    @Test
    void shouldShipAtLeastBreastColorectalLungProstateLymphomaAndTheDiagnosticPathway() {
        PathwayCatalog catalog = PathwayCatalog.load(SHIPPED, HOME);
        assertThat(catalog.all()).extracting(PathwayDefinition::code).contains("A11", "A12", "A13", "A16", "A30", "C01");
    }

    @Test
    void shouldChooseTheVersionInForceOnTheStartDate() {
        // domain brief §1 footnote *: breast OF2 7 -> 12 days on 1 May 2021
        PathwayDefinition breast = PathwayCatalog.load(SHIPPED, HOME).find("A11").orElseThrow();
        assertThat(breast.versionOn(LocalDate.of(2021, 4, 30)).leadTime(DeadlineInterval.OF2, null).orElseThrow().days()).isEqualTo(7);
        assertThat(breast.versionOn(LocalDate.of(2021, 5, 1)).leadTime(DeadlineInterval.OF2, null).orElseThrow().days()).isEqualTo(12);
    }

    @Test
    void shouldDefinePakkeforlopHjemWindowsOfThreeToFourAndTwelveToEighteenMonths() {
        // domain brief §1 "Pakkeforløp hjem": SP2 about 3-4 months, SP3 about 12-18 months after diagnosis
        HomePathway home = PathwayCatalog.load(SHIPPED, HOME).homePathwayOn(LocalDate.of(2026, 1, 31));
        LocalDate diagnosis = LocalDate.of(2026, 1, 31);
        assertThat(home.sp2Opens(diagnosis)).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(home.sp2Due(diagnosis)).isEqualTo(LocalDate.of(2026, 5, 31));
        assertThat(home.sp3Opens(diagnosis)).isEqualTo(LocalDate.of(2027, 1, 31));
        assertThat(home.sp3Due(diagnosis)).isEqualTo(LocalDate.of(2027, 7, 31));
    }

    @Test
    void shouldLoadANewVersionFromAnExternalDirectoryWithoutACodeChange(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("A12-2027.json"), """
                {"code": "A12", "versions": [{"validFrom": "2027-01-01", "confirmed": false, "source": "test",
                  "leadTimes": [{"interval": "OF1", "days": 8, "source": "test"}]}]}""");
        PathwayDefinition colorectal = PathwayCatalog.load(List.of("classpath*:pathways/*.json", "file:" + dir + "/*.json"), HOME)
                .find("A12").orElseThrow();
        assertThat(colorectal.versions()).extracting(PathwayVersion::validFrom).containsExactly(LocalDate.of(2015, 1, 1), LocalDate.of(2027, 1, 1));
        assertThat(colorectal.versionOn(LocalDate.of(2027, 3, 1)).leadTime(DeadlineInterval.OF1, null).orElseThrow().days()).isEqualTo(8);
        assertThat(colorectal.versionOn(LocalDate.of(2026, 12, 31)).leadTime(DeadlineInterval.OF1, null).orElseThrow().days()).isEqualTo(9);
        assertThat(colorectal.name()).as("the name comes from the shipped file").contains("tykk- og endetarmskreft");
    }

    @Test
    void shouldRefuseATotalThatIsNotTheSumOfItsIntervals(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("A99.json"), """
                {"code": "A99", "name": "typo", "versions": [{"validFrom": "2027-01-01", "source": "test", "leadTimes": [
                  {"interval": "OF1", "days": 7, "source": "t"}, {"interval": "OF2", "days": 10, "source": "t"},
                  {"interval": "OF3", "treatment": "SURGERY", "days": 14, "source": "t"},
                  {"interval": "OF4", "treatment": "SURGERY", "days": 30, "source": "t"}]}]}""");
        assertThatThrownBy(() -> PathwayCatalog.load(List.of("file:" + dir + "/*.json"), HOME))
                .hasMessageContaining("A99").hasMessageContaining("OF4 SURGERY is 30 days but OF1 + OF2 + OF3 make 31");
    }

    @Test
    void shouldRefuseTwoVersionsValidFromTheSameDay(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("A12-again.json"), """
                {"code": "A12", "versions": [{"validFrom": "2015-01-01", "source": "t", "leadTimes": []}]}""");
        assertThatThrownBy(() -> PathwayCatalog.load(List.of("classpath*:pathways/*.json", "file:" + dir + "/*.json"), HOME))
                .hasMessageContaining("pathway A12 has two versions valid from 2015-01-01");
    }

    @Test
    void shouldRefuseALeadTimeWithoutASource(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("A98.json"), """
                {"code": "A98", "name": "x", "versions": [{"validFrom": "2027-01-01", "leadTimes": [{"interval": "OF1", "days": 7}]}]}""");
        assertThatThrownBy(() -> PathwayCatalog.load(List.of("file:" + dir + "/*.json"), HOME)).hasMessageContaining("names its source");
    }
}
