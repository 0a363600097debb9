package no.carerelay.tokenissuer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TokenIssuerApplication {

    /** Configured by {@code token-issuer.yml} (spring.config.name), like the services. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(TokenIssuerApplication.class).properties("spring.config.name=token-issuer");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
