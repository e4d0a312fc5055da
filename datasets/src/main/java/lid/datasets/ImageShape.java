package lid.datasets;

/** The image layout of a dataset's rows: each row is one [channels, height, width] image, C order. */
public record ImageShape(int channels, int height, int width) {
    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + height + "x" + width);
        }
    }

    public int size() {
        return channels * height * width;
    }
}
