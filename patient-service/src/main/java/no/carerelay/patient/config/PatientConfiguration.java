package no.carerelay.patient.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import no.carerelay.patient.patient.NationalIdValidator;

@Configuration
class PatientConfiguration {

    @Bean
    NationalIdValidator nationalIdValidator(PatientProperties properties) {
        return new NationalIdValidator(properties.acceptSyntheticIds());
    }
}
