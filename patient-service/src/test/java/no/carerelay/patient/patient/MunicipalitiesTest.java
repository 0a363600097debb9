package no.carerelay.patient.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

/** Source: SSB classification 131 (kommuneinndeling), valid from 2026-01-01. */
class MunicipalitiesTest {

    private final Municipalities municipalities = new Municipalities(new ClassPathResource("reference/kommunenummer.csv"));

    @Test
    void shouldKnowAllThreeHundredAndFiftySevenCurrentMunicipalities() {
        assertThat(municipalities.size()).isEqualTo(357);
        assertThat(municipalities.name("0301")).hasValue("Oslo - Oslove");
        assertThat(municipalities.name("4601")).hasValue("Bergen");
        assertThat(municipalities.exists("5605")).isTrue();
    }

    @Test
    void shouldNotKnowMunicipalitiesMergedAwayOrTheNotGivenCode() {
        assertThat(municipalities.exists("0101")).as("Halden before the 2020 reform").isFalse();
        assertThat(municipalities.exists("9999")).as("'Uoppgitt'").isFalse();
        assertThat(municipalities.exists(null)).isFalse();
    }

    @Test
    void shouldRefuseToStartWithAListThatIsNotAList() {
        assertThatThrownBy(() -> new Municipalities(new ByteArrayResource("0301;Oslo\nnonsense\n".getBytes())))
                .hasMessageContaining("malformed line");
    }
}
