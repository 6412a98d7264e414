package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published javadoc's code examples are this project's code, as README's are ({@link ReadmeShowsTheExamplesTest}):
 * a {@code <pre>{@code ...}</pre>} block in a module's main sources has a {@code <!-- examples/<path>#snippet -->}
 * line above it and is, without the comment's {@code " * "}, the lines between that file's snippet markers.
 * Imports are left out: javadoc names the types by link.
 */
class JavadocShowsTheExamplesTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern BLOCK = Pattern.compile("^ \\* <pre>\\{@code\\n(.*?)^ \\* }</pre>$", Pattern.DOTALL | Pattern.MULTILINE);
    private static final Pattern MARKER = Pattern.compile("^ \\* <!-- (examples/\\S+)#snippet -->$");

    private record Shown(Path source, String example, String text) {}

    @Test
    void everyCodeBlockInTheJavadocIsTheSnippetOfAnExampleFile() throws IOException {
        List<Shown> shown = shown();
        assertThat(shown).as("code blocks in the modules' javadoc").hasSizeGreaterThanOrEqualTo(6);
        for (Shown s : shown) {
            assertThat(s.example()).as("the <!-- examples/...#snippet --> line above the code block in %s", s.source()).isNotNull();
            Path file = ROOT.resolve(s.example());
            assertThat(file).as("%s names %s", s.source(), s.example()).exists();
            String snippet = ReadmeShowsTheExamplesTest.snippetLines(s.example(), Files.readString(file));
            assertThat(s.text()).as("the code block in %s, against %s", s.source(), s.example()).isEqualTo(snippet);
        }
    }

    @Test
    void everyExampleFileForTheJavadocIsShownByIt() throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(ROOT.resolve("examples").resolve("src"))) {
            files = walk.filter(p -> p.getParent().getFileName().toString().equals("javadoc") && Files.isRegularFile(p))
                    .map(p -> ROOT.relativize(p).toString()).toList();
        }
        assertThat(shown().stream().map(Shown::example).collect(Collectors.toSet())).as("example files the javadoc shows")
                .containsExactlyInAnyOrderElementsOf(files);
    }

    /** Each code block of the main sources with the example its marker names (null without one) and its text. */
    private static List<Shown> shown() throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path main : modules.filter(m -> m.getFileName().toString().startsWith("lib-")).map(m -> m.resolve("src/main/java"))
                    .filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> walk = Files.walk(main)) {
                    walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
                }
            }
        }
        List<Shown> shown = new ArrayList<>();
        for (Path source : sources) {
            String text = Files.readString(source);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                String before = text.substring(0, m.start()).stripTrailing();
                Matcher marker = MARKER.matcher(before.substring(before.lastIndexOf('\n') + 1));
                String code = m.group(1).lines().map(l -> l.equals(" *") ? "" : l.substring(3)).map(l -> l + "\n").collect(Collectors.joining());
                shown.add(new Shown(ROOT.relativize(source), marker.matches() ? marker.group(1) : null, code));
            }
        }
        return shown;
    }
}
