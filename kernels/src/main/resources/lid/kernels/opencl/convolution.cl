// im2col / col2im with zero padding (layouts as in ScalarConvolution): image [channels,height,width];
// col [channels*kh*kw, outH*outW], row (c*kh + ki)*kw + kj, column oh*outW + ow.

// One item per col element.
__kernel void im2col(int channels, int height, int width, int kh, int kw, int strideH, int strideW,
                     int padH, int padW, int outH, int outW,
                     __global const float* image, int imOff, __global float* col, int colOff) {
    int e = get_global_id(0);
    int plane = outH * outW;
    if (e >= channels * kh * kw * plane) return;
    int row = e / plane, pos = e % plane;
    int oh = pos / outW, ow = pos % outW;
    int kj = row % kw, ki = (row / kw) % kh, c = row / (kw * kh);
    int ih = oh * strideH - padH + ki;
    int iw = ow * strideW - padW + kj;
    bool inside = ih >= 0 && ih < height && iw >= 0 && iw < width;
    col[colOff + e] = inside ? image[imOff + (c * height + ih) * width + iw] : 0.0f;
}

// One item per image element: gathers the col entries that came from it, in the order
// (ki, kj) in which the reference's scatter adds them, onto the existing value.
__kernel void col2im(int channels, int height, int width, int kh, int kw, int strideH, int strideW,
                     int padH, int padW, int outH, int outW,
                     __global const float* col, int colOff, __global float* image, int imOff) {
    int e = get_global_id(0);
    if (e >= channels * height * width) return;
    int iw = e % width, ih = (e / width) % height, c = e / (width * height);
    float acc = image[imOff + e];
    for (int ki = 0; ki < kh; ki++) {
        int th = ih + padH - ki;
        if (th < 0 || th % strideH != 0) continue;
        int oh = th / strideH;
        if (oh >= outH) continue;
        for (int kj = 0; kj < kw; kj++) {
            int tw = iw + padW - kj;
            if (tw < 0 || tw % strideW != 0) continue;
            int ow = tw / strideW;
            if (ow >= outW) continue;
            acc += col[colOff + ((c * kh + ki) * kw + kj) * outH * outW + oh * outW + ow];
        }
    }
    image[imOff + e] = acc;
}
