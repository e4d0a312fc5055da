package lid.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @Test
    void headerlessNumbers(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.csv");
        Files.writeString(f, "# comment\n1,2.5,-3\n\n4,5e-1,6\n");
        Csv.Table t = Csv.read(f);
        assertEquals(2, t.rows());
        assertEquals(3, t.cols());
        assertArrayEquals(new double[] {1, 2.5, -3, 4, 0.5, 6}, t.data());
        assertEquals(List.of("x0", "x1", "x2"), t.columns());
        assertNull(t.lid());
    }

    @Test
    void headerWithLabelColumnsAnywhere(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("b.csv");
        Files.writeString(f, "\"LID\",u,component,v\n2,0.5,1,7\n1,1.5,0,8\n");
        Csv.Table t = Csv.read(f);
        assertEquals(2, t.cols());
        assertArrayEquals(new double[] {0.5, 7, 1.5, 8}, t.data());
        assertArrayEquals(new int[] {2, 1}, t.lid());
        assertArrayEquals(new int[] {1, 0}, t.component());
    }

    @Test
    void raggedRowsAndWordsAreErrors(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("c.csv");
        Files.writeString(f, "1,2\n3\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Csv.read(f)).getMessage().contains("line 2 has 1 fields, expected 2"));
        Files.writeString(f, "1,2\n3,x\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Csv.read(f)).getMessage().contains("'x' is not a number"));
        Files.writeString(f, "a,lid\n1,2.5\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Csv.read(f)).getMessage().contains("lid must be an integer"));
        Files.writeString(f, "a,b\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Csv.read(f)).getMessage().contains("no data rows"));
    }
}
