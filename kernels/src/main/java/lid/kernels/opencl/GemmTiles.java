package lid.kernels.opencl;

/**
 * Tile sizes of the SGEMM kernel (build options of gemm.cl): a work group computes a TSM x TSN
 * tile of C with (TSN/WPTN) x (TSM/WPTM) items of WPTM x WPTN outputs each, staging TSK of the
 * k axis in local memory. Default 64 x 64 x 16 with 4 x 4 per item (256 items); 64 x 64 with
 * 8 x 8 per item (64 items) on devices that allow fewer than 256 items per group. Override with
 * -Dlid.opencl.gemm=TSM,TSN,TSK,WPTM,WPTN (e.g. when tuning for a GPU).
 */
record GemmTiles(int tsm, int tsn, int tsk, int wptm, int wptn, boolean rows) {

    /** Rows of C per work item of the sgemm_rows kernel (DRM in gemm.cl). */
    static final int ROWS = 8;

    GemmTiles {
        if (tsm % wptm != 0 || tsn % wptn != 0 || tsm <= 0 || tsn <= 0 || tsk <= 0) {
            throw new IllegalArgumentException("GEMM tiles need TSM % WPTM == 0 and TSN % WPTN == 0, got "
                    + tsm + "," + tsn + "," + tsk + "," + wptm + "," + wptn);
        }
    }

    /**
     * The tiled kernel for GPUs; on CPU devices the barrier-free sgemm_rows kernel, which CPU
     * OpenCL compilers vectorize better (-Dlid.opencl.gemm.kernel=tiled|rows overrides).
     */
    static GemmTiles forDevice(long maxWorkGroupSize, boolean cpuDevice) {
        String kernel = System.getProperty("lid.opencl.gemm.kernel", cpuDevice ? "rows" : "tiled");
        if (!kernel.equals("rows") && !kernel.equals("tiled")) {
            throw new IllegalArgumentException("-Dlid.opencl.gemm.kernel must be tiled or rows, got '" + kernel + "'");
        }
        GemmTiles t = tiles(maxWorkGroupSize);
        return new GemmTiles(t.tsm, t.tsn, t.tsk, t.wptm, t.wptn, kernel.equals("rows"));
    }

    private static GemmTiles tiles(long maxWorkGroupSize) {
        String override = System.getProperty("lid.opencl.gemm");
        if (override != null) {
            String[] p = override.split(",");
            if (p.length != 5) {
                throw new IllegalArgumentException("-Dlid.opencl.gemm needs TSM,TSN,TSK,WPTM,WPTN, got '" + override + "'");
            }
            return new GemmTiles(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()),
                    Integer.parseInt(p[3].trim()), Integer.parseInt(p[4].trim()), false);
        }
        return maxWorkGroupSize >= 256 ? new GemmTiles(64, 64, 16, 4, 4, false) : new GemmTiles(64, 64, 16, 8, 8, false);
    }

    /** Work items per group along columns (dimension 0) and rows (dimension 1). */
    int groupCols() {
        return tsn / wptn;
    }

    int groupRows() {
        return tsm / wptm;
    }

    String defines() {
        return (rows ? "-DGEMM_KERNEL=rows " : "-DGEMM_KERNEL=tiled ") + "-DTSM=" + tsm + " -DTSN=" + tsn + " -DTSK=" + tsk + " -DWPTM=" + wptm + " -DWPTN=" + wptn + " -DDRM=" + ROWS;
    }
}
