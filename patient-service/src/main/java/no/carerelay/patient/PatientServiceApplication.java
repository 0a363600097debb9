package no.carerelay.patient;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PatientServiceApplication {

    /** The service as configured by {@code patient-service.yml}; the end-to-end test starts it this way too. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(PatientServiceApplication.class).properties("spring.config.name=patient-service");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
