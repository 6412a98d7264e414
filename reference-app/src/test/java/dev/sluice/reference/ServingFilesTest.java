package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed serving files are what {@link ServingFiles} generates from the schemas: a renamed
 * field fails here until the files are regenerated
 * ({@code ./mvnw -pl reference-app test -Dtest=ServingFilesTest -Dsluice.infra.write=true}).
 */
class ServingFilesTest {

    private static final Path INFRA = Path.of("..", "infra");

    @Test
    void theCommittedServingFilesAreTheGeneratedOnes() throws IOException {
        boolean write = Boolean.getBoolean("sluice.infra.write");
        for (Map.Entry<String, String> f : ServingFiles.generate().entrySet()) {
            Path file = INFRA.resolve(f.getKey());
            if (write) {
                Files.writeString(file, f.getValue());
            }
            assertThat(Files.exists(file) ? Files.readString(file) : "(missing)").as("infra/" + f.getKey()
                    + " differs from what ServingFiles generates; regenerate with -Dsluice.infra.write=true").isEqualTo(f.getValue());
        }
    }
}
