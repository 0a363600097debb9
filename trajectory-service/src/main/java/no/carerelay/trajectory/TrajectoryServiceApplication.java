package no.carerelay.trajectory;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class TrajectoryServiceApplication {

    /** The service as configured by {@code trajectory-service.yml}; the end-to-end test starts it this way too. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(TrajectoryServiceApplication.class).properties("spring.config.name=trajectory-service");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
