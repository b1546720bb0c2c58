import { describe, expect, it } from "vitest";
import { loadBank } from "../../bench/ml/datasets";
import { stratifiedKFold } from "../../server/ml/cv";
import { fitLogistic } from "../../server/ml/logistic";
import { selectRows } from "../../server/ml/matrix";
import { fitStandardiser, transform } from "../../server/ml/standardise";

describe("logistic regression convergence on real data", () => {
  it("stops once a Newton step no longer lowers the objective (Bank Marketing, fold 0)", () => {
    // This fold used to run all 100 iterations: rounding kept the step above the absolute
    // tolerance while the objective stood still. scikit-learn's lbfgs needs about 8.
    const bank = loadBank();
    const fold = stratifiedKFold(bank.y, 5, 42)[0]!;
    const train = selectRows(bank.X, fold.train);
    const X = transform(fitStandardiser(train), train);
    const y = Float64Array.from(fold.train, (i) => bank.y[i]!);
    const model = fitLogistic(X, y, { l2: 1 });
    expect(model.iterations).toBeLessThan(20);
    expect(model.coef.every(Number.isFinite)).toBe(true);
  });
});
