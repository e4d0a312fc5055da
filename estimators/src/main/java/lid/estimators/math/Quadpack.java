package lid.estimators.math;

import java.util.function.DoubleUnaryOperator;

/**
 * QUADPACK's DQAGS (Piessens, de Doncker et al. 1983): adaptive 21-point Gauss-Kronrod
 * bisection with Wynn's epsilon extrapolation, the routine behind {@code scipy.integrate.quad}
 * on a finite interval. A line-by-line port (1-based arrays, the original's control flow), so a
 * loose tolerance gives the same answer as scipy: skdim's MLE with noise integrates with
 * epsabs = epsrel = 1e-2, and its test value depends on exactly where the routine stops.
 */
public final class Quadpack {
    private Quadpack() {}

    /** scipy.integrate.quad's default limit on subintervals. */
    public static final int DEFAULT_LIMIT = 50;

    private static final double EPMACH = Math.ulp(1.0);
    private static final double UFLOW = Double.MIN_NORMAL;
    private static final double OFLOW = Double.MAX_VALUE;

    /**
     * Integral of f over [a, b].
     *
     * @return {result, abserr, ier}
     */
    public static double[] qags(DoubleUnaryOperator f, double a, double b, double epsabs, double epsrel, int limit) {
        double[] alist = new double[limit + 1];
        double[] blist = new double[limit + 1];
        double[] rlist = new double[limit + 1];
        double[] elist = new double[limit + 1];
        int[] iord = new int[limit + 1];
        double[] rlist2 = new double[53];
        double[] res3la = new double[4];
        int[] nres = {0};

        int ier = 0;
        int last;
        double result;
        double abserr;
        alist[1] = a;
        blist[1] = b;
        if (epsabs <= 0 && epsrel < Math.max(50 * EPMACH, 0.5e-28)) {
            return new double[] {0, 0, 6};
        }
        int ierro = 0;
        double[] k = qk21(f, a, b);
        result = k[0];
        abserr = k[1];
        // DQAGSE's first call names the outputs (result, abserr, defabs, resabs): defabs is the
        // integral of |f| and "resabs" there is resasc
        double defabs = k[2];
        double resabs = k[3];
        double dres = Math.abs(result);
        double errbnd = Math.max(epsabs, epsrel * dres);
        last = 1;
        rlist[1] = result;
        elist[1] = abserr;
        iord[1] = 1;
        if (abserr <= 100 * EPMACH * defabs && abserr > errbnd) {
            ier = 2;
        }
        if (limit == 1) {
            ier = 1;
        }
        if (ier != 0 || (abserr <= errbnd && abserr != resabs) || abserr == 0) {
            return new double[] {result, abserr, ier};
        }

        rlist2[1] = result;
        double errmax = abserr;
        int maxerr = 1;
        double area = result;
        double errsum = abserr;
        abserr = OFLOW;
        int nrmax = 1;
        int numrl2 = 2;
        int ktmin = 0;
        boolean extrap = false;
        boolean noext = false;
        int iroff1 = 0;
        int iroff2 = 0;
        int iroff3 = 0;
        int ksgn = -1;
        if (dres >= (1 - 50 * EPMACH) * defabs) {
            ksgn = 1;
        }
        double small = 0;
        double erlarg = 0;
        double ertest = 0;
        double correc = 0;
        double erlast;

        boolean goto100 = false;
        boolean goto115 = false;
        mainLoop:
        for (last = 2; last <= limit; last++) {
            double a1 = alist[maxerr];
            double b1 = 0.5 * (alist[maxerr] + blist[maxerr]);
            double a2 = b1;
            double b2 = blist[maxerr];
            erlast = errmax;
            double[] k1 = qk21(f, a1, b1);
            double[] k2 = qk21(f, a2, b2);
            double area1 = k1[0];
            double error1 = k1[1];
            double defab1 = k1[3];
            double area2 = k2[0];
            double error2 = k2[1];
            double defab2 = k2[3];
            double area12 = area1 + area2;
            double erro12 = error1 + error2;
            errsum = errsum + erro12 - errmax;
            area = area + area12 - rlist[maxerr];
            if (!(defab1 == error1 || defab2 == error2)) {
                if (!(Math.abs(rlist[maxerr] - area12) > 1e-5 * Math.abs(area12) || erro12 < 0.99 * errmax)) {
                    if (extrap) {
                        iroff2++;
                    } else {
                        iroff1++;
                    }
                }
                if (last > 10 && erro12 > errmax) {
                    iroff3++;
                }
            }
            rlist[maxerr] = area1;
            rlist[last] = area2;
            errbnd = Math.max(epsabs, epsrel * Math.abs(area));
            if (iroff1 + iroff2 >= 10 || iroff3 >= 20) {
                ier = 2;
            }
            if (iroff2 >= 5) {
                ierro = 3;
            }
            if (last == limit) {
                ier = 1;
            }
            if (Math.max(Math.abs(a1), Math.abs(b2)) <= (1 + 100 * EPMACH) * (Math.abs(a2) + 1000 * UFLOW)) {
                ier = 4;
            }
            if (error2 > error1) {
                alist[maxerr] = a2;
                alist[last] = a1;
                blist[last] = b1;
                rlist[maxerr] = area2;
                rlist[last] = area1;
                elist[maxerr] = error2;
                elist[last] = error1;
            } else {
                alist[last] = a2;
                blist[maxerr] = b1;
                blist[last] = b2;
                elist[maxerr] = error1;
                elist[last] = error2;
            }
            int[] mx = qpsrt(limit, last, maxerr, elist, iord, nrmax);
            maxerr = mx[0];
            nrmax = mx[1];
            errmax = elist[maxerr];
            if (errsum <= errbnd) {
                goto115 = true;
                break;
            }
            if (ier != 0) {
                goto100 = true;
                break;
            }
            if (last == 2) {
                small = Math.abs(b - a) * 0.375;
                erlarg = errsum;
                ertest = errbnd;
                rlist2[2] = area;
                continue;
            }
            if (noext) {
                continue;
            }
            erlarg -= erlast;
            if (Math.abs(b1 - a1) > small) {
                erlarg += erro12;
            }
            if (!extrap) {
                if (Math.abs(blist[maxerr] - alist[maxerr]) > small) {
                    continue;
                }
                extrap = true;
                nrmax = 2;
            }
            // label 40
            if (!(ierro == 3 || erlarg <= ertest)) {
                int id = nrmax;
                int jupbnd = last;
                if (last > 2 + limit / 2) {
                    jupbnd = limit + 3 - last;
                }
                for (int kk = id; kk <= jupbnd; kk++) {
                    maxerr = iord[nrmax];
                    errmax = elist[maxerr];
                    if (Math.abs(blist[maxerr] - alist[maxerr]) > small) {
                        continue mainLoop;
                    }
                    nrmax++;
                }
            }
            // label 60: extrapolation
            numrl2++;
            rlist2[numrl2] = area;
            double[] eps = qelg(numrl2, rlist2, res3la, nres);
            numrl2 = (int) eps[2];
            double reseps = eps[0];
            double abseps = eps[1];
            ktmin++;
            if (ktmin > 5 && abserr < 1e-3 * errsum) {
                ier = 5;
            }
            if (abseps < abserr) {
                ktmin = 0;
                abserr = abseps;
                result = reseps;
                correc = erlarg;
                ertest = Math.max(epsabs, epsrel * Math.abs(reseps));
                if (abserr <= ertest) {
                    goto100 = true;
                    break;
                }
            }
            // label 70
            if (numrl2 == 1) {
                noext = true;
            }
            if (ier == 5) {
                goto100 = true;
                break;
            }
            maxerr = iord[1];
            errmax = elist[maxerr];
            nrmax = 1;
            extrap = false;
            small *= 0.5;
            erlarg = errsum;
        }
        if (last > limit) {
            last = limit;
        }
        if (!goto115) {
            // label 100 (also reached when the loop runs out)
            boolean sum = false;
            if (abserr == OFLOW) {
                sum = true;
            } else if (ier + ierro != 0) {
                if (ierro == 3) {
                    abserr += correc;
                }
                if (ier == 0) {
                    ier = 3;
                }
                if (result != 0 && area != 0) {
                    if (abserr / Math.abs(result) > errsum / Math.abs(area)) {
                        sum = true;
                    }
                } else if (abserr > errsum) {
                    sum = true;
                } else if (area == 0) {
                    return done(result, abserr, ier);
                }
            }
            if (!sum) {
                // label 110: test on divergence
                if (!(ksgn == -1 && Math.max(Math.abs(result), Math.abs(area)) <= defabs * 0.01)) {
                    if (0.01 > result / area || result / area > 100 || errsum > Math.abs(area)) {
                        ier = 6;
                    }
                }
                return done(result, abserr, ier);
            }
        }
        // label 115
        result = 0;
        for (int kk = 1; kk <= last; kk++) {
            result += rlist[kk];
        }
        abserr = errsum;
        return done(result, abserr, ier);
    }

    private static double[] done(double result, double abserr, int ier) {
        if (ier > 2) {
            ier--;
        }
        return new double[] {result, abserr, ier};
    }

    private static final double[] WG = {
        0.066671344308688137593568809893332, 0.149451349150580593145776339657697,
        0.219086362515982043995534934228163, 0.269266719309996355091226921569469,
        0.295524224714752870173892994651338};
    private static final double[] XGK = {
        0.995657163025808080735527280689003, 0.973906528517171720077964012084452,
        0.930157491355708226001207180059508, 0.865063366688984510732096688423493,
        0.780817726586416897063717578345042, 0.679409568299024406234327365114874,
        0.562757134668604683339000099272694, 0.433395394129247190799265943165784,
        0.294392862701460198131126603103866, 0.148874338981631210884826001129720, 0};
    private static final double[] WGK = {
        0.011694638867371874278064396062192, 0.032558162307964727478818972459390,
        0.054755896574351996031381300244580, 0.075039674810919952767043140916190,
        0.093125454583697605535065465083366, 0.109387158802297641899210590325805,
        0.123491976262065851077958109831074, 0.134709217311473325928054001771707,
        0.142775938577060080797094273138717, 0.147739104901338491374841515972068,
        0.149445554002916905664936468389821};

    /** DQK21: {result, abserr, resabs, resasc}. */
    static double[] qk21(DoubleUnaryOperator f, double a, double b) {
        double[] fv1 = new double[10];
        double[] fv2 = new double[10];
        double centr = 0.5 * (a + b);
        double hlgth = 0.5 * (b - a);
        double dhlgth = Math.abs(hlgth);
        double resg = 0;
        double fc = f.applyAsDouble(centr);
        double resk = WGK[10] * fc;
        double resabs = Math.abs(resk);
        for (int j = 1; j <= 5; j++) {
            int jtw = 2 * j - 1; // 0-based index of xgk(2j)
            double absc = hlgth * XGK[jtw];
            double fval1 = f.applyAsDouble(centr - absc);
            double fval2 = f.applyAsDouble(centr + absc);
            fv1[jtw] = fval1;
            fv2[jtw] = fval2;
            double fsum = fval1 + fval2;
            resg += WG[j - 1] * fsum;
            resk += WGK[jtw] * fsum;
            resabs += WGK[jtw] * (Math.abs(fval1) + Math.abs(fval2));
        }
        for (int j = 1; j <= 5; j++) {
            int jtwm1 = 2 * j - 2; // 0-based index of xgk(2j-1)
            double absc = hlgth * XGK[jtwm1];
            double fval1 = f.applyAsDouble(centr - absc);
            double fval2 = f.applyAsDouble(centr + absc);
            fv1[jtwm1] = fval1;
            fv2[jtwm1] = fval2;
            double fsum = fval1 + fval2;
            resk += WGK[jtwm1] * fsum;
            resabs += WGK[jtwm1] * (Math.abs(fval1) + Math.abs(fval2));
        }
        double reskh = resk * 0.5;
        double resasc = WGK[10] * Math.abs(fc - reskh);
        for (int j = 0; j < 10; j++) {
            resasc += WGK[j] * (Math.abs(fv1[j] - reskh) + Math.abs(fv2[j] - reskh));
        }
        double result = resk * hlgth;
        resabs *= dhlgth;
        resasc *= dhlgth;
        double abserr = Math.abs((resk - resg) * hlgth);
        if (resasc != 0 && abserr != 0) {
            abserr = resasc * Math.min(1, Math.pow(200 * abserr / resasc, 1.5));
        }
        if (resabs > UFLOW / (50 * EPMACH)) {
            abserr = Math.max(EPMACH * 50 * resabs, abserr);
        }
        return new double[] {result, abserr, resabs, resasc};
    }

    /** DQPSRT: keeps iord descending by error; returns {maxerr, nrmax}. */
    private static int[] qpsrt(int limit, int last, int maxerr, double[] elist, int[] iord, int nrmax) {
        if (last <= 2) {
            iord[1] = 1;
            iord[2] = 2;
            maxerr = iord[nrmax];
            return new int[] {maxerr, nrmax};
        }
        double errmax = elist[maxerr];
        int ido = nrmax - 1;
        for (int i = 1; i <= ido; i++) {
            int isucc = iord[nrmax - 1];
            if (errmax <= elist[isucc]) {
                break;
            }
            iord[nrmax] = isucc;
            nrmax--;
        }
        int jupbn = last;
        if (last > limit / 2 + 2) {
            jupbn = limit + 3 - last;
        }
        double errmin = elist[last];
        int jbnd = jupbn - 1;
        int ibeg = nrmax + 1;
        int i = ibeg;
        boolean inserted = false;
        for (; i <= jbnd; i++) {
            int isucc = iord[i];
            if (errmax >= elist[isucc]) {
                inserted = true;
                break;
            }
            iord[i - 1] = isucc;
        }
        if (!inserted) {
            iord[jbnd] = maxerr;
            iord[jupbn] = last;
        } else {
            // label 60: insert errmin bottom-up
            iord[i - 1] = maxerr;
            int k = jbnd;
            boolean placed = false;
            for (int j = i; j <= jbnd; j++) {
                int isucc = iord[k];
                if (errmin < elist[isucc]) {
                    iord[k + 1] = last;
                    placed = true;
                    break;
                }
                iord[k + 1] = isucc;
                k--;
            }
            if (!placed) {
                iord[i] = last;
            }
        }
        maxerr = iord[nrmax];
        return new int[] {maxerr, nrmax};
    }

    /** DQELG (Wynn's epsilon algorithm): returns {result, abserr, n}; epstab and res3la updated in place. */
    private static double[] qelg(int n, double[] epstab, double[] res3la, int[] nres) {
        nres[0]++;
        double abserr = OFLOW;
        double result = epstab[n];
        if (n < 3) {
            abserr = Math.max(abserr, 5 * EPMACH * Math.abs(result));
            return new double[] {result, abserr, n};
        }
        int limexp = 50;
        epstab[n + 2] = epstab[n];
        int newelm = (n - 1) / 2;
        epstab[n] = OFLOW;
        int num = n;
        int k1 = n;
        boolean converged = false;
        for (int i = 1; i <= newelm; i++) {
            int k2 = k1 - 1;
            int k3 = k1 - 2;
            double res = epstab[k1 + 2];
            double e0 = epstab[k3];
            double e1 = epstab[k2];
            double e2 = res;
            double e1abs = Math.abs(e1);
            double delta2 = e2 - e1;
            double err2 = Math.abs(delta2);
            double tol2 = Math.max(Math.abs(e2), e1abs) * EPMACH;
            double delta3 = e1 - e0;
            double err3 = Math.abs(delta3);
            double tol3 = Math.max(e1abs, Math.abs(e0)) * EPMACH;
            if (!(err2 > tol2 || err3 > tol3)) {
                result = res;
                abserr = err2 + err3;
                converged = true;
                break;
            }
            double e3 = epstab[k1];
            epstab[k1] = e1;
            double delta1 = e1 - e3;
            double err1 = Math.abs(delta1);
            double tol1 = Math.max(e1abs, Math.abs(e3)) * EPMACH;
            boolean omit = err1 <= tol1 || err2 <= tol2 || err3 <= tol3;
            double ss = 0;
            if (!omit) {
                ss = 1 / delta1 + 1 / delta2 - 1 / delta3;
                double epsinf = Math.abs(ss * e1);
                omit = !(epsinf > 1e-4);
            }
            if (omit) {
                n = i + i - 1;
                break;
            }
            res = e1 + 1 / ss;
            epstab[k1] = res;
            k1 -= 2;
            double error = err2 + Math.abs(res - e2) + err3;
            if (error <= abserr) {
                abserr = error;
                result = res;
            }
        }
        if (!converged) {
            // label 50: shift the table
            if (n == limexp) {
                n = 2 * (limexp / 2) - 1;
            }
            int ib = (num / 2) * 2 == num ? 2 : 1;
            int ie = newelm + 1;
            for (int i = 1; i <= ie; i++) {
                int ib2 = ib + 2;
                epstab[ib] = epstab[ib2];
                ib = ib2;
            }
            if (num != n) {
                int indx = num - n + 1;
                for (int i = 1; i <= n; i++) {
                    epstab[i] = epstab[indx];
                    indx++;
                }
            }
            if (nres[0] < 4) {
                res3la[nres[0]] = result;
                abserr = OFLOW;
            } else {
                abserr = Math.abs(result - res3la[3]) + Math.abs(result - res3la[2]) + Math.abs(result - res3la[1]);
                res3la[1] = res3la[2];
                res3la[2] = res3la[3];
                res3la[3] = result;
            }
        }
        abserr = Math.max(abserr, 5 * EPMACH * Math.abs(result));
        return new double[] {result, abserr, n};
    }
}
