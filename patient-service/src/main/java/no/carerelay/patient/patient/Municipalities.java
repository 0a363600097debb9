package no.carerelay.patient.patient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The current Norwegian municipalities (kommunenummer and name), shipped as data
 * ({@code reference/kommunenummer.csv}, SSB classification 131) and replaceable by configuration when the map
 * of municipalities changes: {@code carerelay.patient.municipalities=file:/path/kommunenummer.csv}.
 */
@Component
public class Municipalities {

    private final Map<String, String> names;

    public Municipalities(@Value("${carerelay.patient.municipalities:classpath:reference/kommunenummer.csv}") Resource list) {
        this.names = read(list);
    }

    public boolean exists(String kommunenummer) {
        return kommunenummer != null && names.containsKey(kommunenummer);
    }

    public Optional<String> name(String kommunenummer) {
        return Optional.ofNullable(names.get(kommunenummer));
    }

    public int size() {
        return names.size();
    }

    private static Map<String, String> read(Resource list) {
        Map<String, String> names = new TreeMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(list.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("kommunenummer;")) {
                    continue;
                }
                String[] columns = line.split(";", 2);
                if (columns.length != 2 || !columns[0].matches("[0-9]{4}")) {
                    throw new IllegalStateException("malformed line in the municipality list " + list.getDescription() + ": " + line);
                }
                names.put(columns[0], columns[1].trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the municipality list " + list.getDescription(), e);
        }
        if (names.size() < 300) {
            throw new IllegalStateException("the municipality list " + list.getDescription() + " has only " + names.size() + " entries");
        }
        return Map.copyOf(names);
    }
}
