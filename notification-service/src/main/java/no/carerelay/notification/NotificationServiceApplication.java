package no.carerelay.notification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationServiceApplication {

    /** The service as configured by {@code notification-service.yml}; the end-to-end test starts it this way too. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(NotificationServiceApplication.class).properties("spring.config.name=notification-service");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
