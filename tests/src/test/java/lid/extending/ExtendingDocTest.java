package lid.extending;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/extending.md stays true: every code block marked {@code <!-- from: PATH -->} stands word for
 * word (line by line, same indentation) in that file of the repository, so each recipe shows code
 * that compiles and is tested.
 */
class ExtendingDocTest {
    private static final Pattern BLOCK = Pattern.compile("<!-- from: (\\S+) -->\\n```\\w+\\n(.*?)```", Pattern.DOTALL);

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docs/extending.md"))) {
            p = p.getParent();
        }
        if (p == null) {
            fail("docs/extending.md not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    @Test
    void everyCodeBlockIsInTheFileItNames() throws IOException {
        Path root = root();
        String doc = Files.readString(root.resolve("docs/extending.md"));
        Matcher m = BLOCK.matcher(doc);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            Path file = root.resolve(m.group(1));
            assertTrue(Files.exists(file), "docs/extending.md cites " + m.group(1) + ", which does not exist");
            String code = Files.readString(file);
            String block = m.group(2);
            if (!code.contains(block)) {
                fail("docs/extending.md: this block is not (or no longer) in " + m.group(1) + ":\n" + block);
            }
            checked.add(m.group(1));
        }
        assertTrue(checked.size() >= 8, "expected the recipes' blocks, found " + checked);
        long unmarked = doc.lines().filter(l -> l.equals("```java") || l.equals("```c")).count() - checked.size();
        assertTrue(unmarked == 0, unmarked + " code block(s) in docs/extending.md have no <!-- from: PATH --> line");
    }
}
