package no.carerelay.collaboration;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CollaborationServiceApplication {

    /** The service as configured by {@code collaboration-service.yml}; the end-to-end test starts it this way too. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(CollaborationServiceApplication.class).properties("spring.config.name=collaboration-service");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
