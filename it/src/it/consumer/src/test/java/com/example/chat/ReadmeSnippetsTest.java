package com.example.chat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java and XML snippet of the repository's README.md stands, line for line (indentation
 * aside), in this project's sources or pom, which this build compiles and runs: a snippet that
 * drifts from the code fails here.
 */
class ReadmeSnippetsTest {
    private static final Pattern FENCE = Pattern.compile("```(java|xml)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everySnippetIsCompiledHere() throws IOException {
        String readmePath = System.getProperty("pollen.readme");
        assertThat(readmePath).as("system property pollen.readme (set by the pollen-it build)").isNotBlank();
        String readme = Files.readString(Path.of(readmePath));

        List<String> snippets = new ArrayList<>();
        Matcher m = FENCE.matcher(readme);
        while (m.find()) {
            snippets.add(normalise(m.group(2)));
        }
        assertThat(snippets).as("Java and XML snippets in " + readmePath).hasSizeGreaterThanOrEqualTo(4);

        String sources = normalise(projectSources());
        for (String snippet : snippets) {
            assertThat(sources).as("README snippet starting with: " + snippet.lines().findFirst().orElse(""))
                    .contains(snippet);
        }
    }

    private static String projectSources() throws IOException {
        StringBuilder all = new StringBuilder(Files.readString(Path.of("pom.xml"))).append('\n');
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    /** Lines trimmed, blank lines dropped: indentation differs between README and sources. */
    private static String normalise(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining("\n"));
    }
}
