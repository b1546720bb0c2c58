import { describe, expect, it } from "vitest";
import {
  betaTails,
  chiSquareSf,
  normalCdf,
  normalQuantile,
  normalSf,
  studentTQuantile,
  studentTSf,
} from "../../server/stats";
import { integrate } from "../../server/stats/quadrature";
import { lnBeta, lnGamma } from "../../server/stats/special";
import { relativeError } from "./fixture-loader";

// Reference values from SciPy 1.17 (scipy.stats), beyond the contract fixture: tails, tiny and
// huge degrees of freedom, large Beta parameters.
const close = (actual: number, expected: number, tol = 1e-12) => expect(relativeError(actual, expected)).toBeLessThanOrEqual(tol);

describe("normal", () => {
  it("quantile and tails to near machine precision", () => {
    close(normalQuantile(0.975), 1.959963984540054, 1e-15);
    close(normalQuantile(0.8), 0.8416212335729143, 1e-14);
    close(normalQuantile(1e-12), -7.034483825301131, 1e-14);
    close(normalSf(8.5), 9.47953482220325e-18, 1e-13);
    close(normalCdf(0.3), 0.6179114221889526, 1e-15);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    for (const p of [1e-300, 1e-20, 0.001, 0.3, 0.5, 0.77, 0.999999]) close(normalCdf(normalQuantile(p)), p, 1e-13);
  });
});

describe("student t", () => {
  it("survival function across df (fractional, small, huge)", () => {
    close(studentTSf(3.0, 0.5), 0.1836540779929717);
    close(studentTSf(12.706204736174698, 1), 0.025000000000000012);
    close(studentTSf(-2.5, 3), 0.9561466764959672);
    close(studentTSf(1.7, 29.5), 0.049826413085224806);
    // Known conditioning limit: for |t| > √3 the Lentz continued fraction runs at x ≈ 1 with
    // a = df/2, and cancellation costs ~3e-17·df relative (≈4e-10 at df = 1e7), still far inside 1e-6.
    close(studentTSf(2.0, 1e7), 0.02275014544592148, 1e-9);
    expect(studentTSf(1, Infinity)).toBeCloseTo(normalSf(1), 15);
  });

  it("quantile", () => {
    close(studentTQuantile(0.975, 3), 3.1824463052837078);
    close(studentTQuantile(0.995, 0.7), 364.9352029815851, 1e-11);
    close(studentTQuantile(1e-9, 12), -15.894813362266058);
    close(studentTQuantile(0.975, 1e6), 1.959966356814107, 1e-10);
    expect(studentTQuantile(0.5, 7)).toBe(0);
  });
});

describe("chi-square and Beta", () => {
  it("chi-square survival, including far tails and many df", () => {
    close(chiSquareSf(0.5, 1), 0.47950012218695337);
    close(chiSquareSf(100, 80), 0.064570368921133);
    close(chiSquareSf(250, 200), 0.009379131668826098);
    close(chiSquareSf(0.001, 5), 0.9999999983185123);
    close(chiSquareSf(40, 3), 1.065509033425585e-8);
  });

  it("Beta CDF and survival with posterior-sized parameters", () => {
    const big = betaTails(0.0912, 9121, 90881);
    close(big.cdf, 0.4976115196030791, 1e-11);
    close(big.sf, 0.5023884803969186, 1e-11);
    close(betaTails(0.3, 2.5, 7).cdf, 0.6412224629717214);
    close(betaTails(0.999, 500, 0.8).sf, 0.49928198653616646, 1e-11);
  });

  it("log-gamma and log-beta stay exact where naive sums cancel", () => {
    close(lnGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    expect(Math.abs(lnGamma(1))).toBeLessThan(1e-14);
    close(lnGamma(100), 359.1342053695754, 1e-15);
    // B(a, 1/2) for a = 1e5: Γ(a)/Γ(a+½) ≈ a^-½ (1 + 1/(8a)), lnΓ(½) = ½ ln π.
    const a = 1e5;
    close(lnBeta(a, 0.5), 0.5 * Math.log(Math.PI) - 0.5 * Math.log(a) + Math.log1p(1 / (8 * a) + 1 / (128 * a * a)), 1e-13);
  });
});

describe("Gauss–Kronrod quadrature", () => {
  it("is exact for polynomials up to degree 22 on one panel (checks the node/weight tables)", () => {
    for (let k = 0; k <= 22; k++) close(integrate((x) => x ** k, 0, 1, { maxPieces: 1 }).value, 1 / (k + 1), 1e-14);
  });

  it("adapts to a narrow peak when given breakpoints", () => {
    const sd = 1e-4;
    const peak = (x: number) => Math.exp(-0.5 * ((x - 0.3) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));
    close(integrate(peak, 0, 1, { breakpoints: [0.3 - 10 * sd, 0.3, 0.3 + 10 * sd] }).value, 1, 1e-12);
  });
});
