import { type Classifier, type Labels, rowWeights, sigmoid } from "./classifier";
import type { Matrix } from "./matrix";
import { createRng } from "./random";
import type { Tf } from "./tfbackend";

export interface MlpOptions {
  /** Hidden layer widths (tanh units). */
  readonly hidden?: number[];
  readonly epochs?: number;
  readonly learningRate?: number;
  /** L2 penalty on weights (not biases), added to the mean loss. */
  readonly l2?: number;
  readonly seed?: number;
}

export interface DenseLayer {
  /** inputs × outputs, row-major. */
  readonly weights: number[];
  readonly inputs: number;
  readonly outputs: number;
  readonly bias: number[];
}

export interface MlpModel {
  readonly kind: "mlp";
  readonly layers: DenseLayer[];
}

/**
 * A small fully-connected network trained in TensorFlow.js with full-batch Adam on raw tensor ops:
 * the feature matrices are small enough for one batch, which is both faster than tf.layers'
 * mini-batch fit loop and deterministic. Weights are initialised from our seeded PRNG (Glorot
 * uniform), not tf's RNG. Prediction runs in plain TypeScript from the JSON weights, so serving
 * needs no TensorFlow at all.
 */
export function createMlp(tf: Tf): Classifier<MlpModel, MlpOptions> {
  return {
    fit: (X, y, options) => fitMlp(tf, X, y, options),
    predictProba: predictMlp,
  };
}

function fitMlp(tf: Tf, X: Matrix, y: Labels, options: MlpOptions): MlpModel {
  const { hidden = [16], epochs = 300, learningRate = 0.02, l2 = 0 } = options;
  const rng = createRng(options.seed ?? 0);
  const widths = [X.cols, ...hidden, 1];
  rowWeights(y); // rejects labels other than 0/1 before any tensor is built
  return tf.tidy(() => {
    const vars = widths.slice(1).map((outputs, l) => {
      const inputs = widths[l]!;
      const limit = Math.sqrt(6 / (inputs + outputs));
      const w = Float32Array.from({ length: inputs * outputs }, () => (2 * rng.next() - 1) * limit);
      return { w: tf.variable(tf.tensor2d(w, [inputs, outputs])), b: tf.variable(tf.zeros([outputs])) };
    });
    const xs = tf.tensor2d(Float32Array.from(X.data), [X.rows, X.cols]);
    const ys = tf.tensor2d(Float32Array.from({ length: X.rows }, (_, i) => y[i]!), [X.rows, 1]);
    const forward = (): ReturnType<Tf["add"]> => {
      let h: ReturnType<Tf["add"]> = xs;
      vars.forEach((v, l) => {
        const z = tf.add(tf.matMul(h, v.w), v.b);
        h = l < vars.length - 1 ? tf.tanh(z) : z;
      });
      return h;
    };
    const optimiser = tf.train.adam(learningRate);
    for (let epoch = 0; epoch < epochs; epoch++) {
      tf.tidy(() => {
        optimiser.minimize(() => {
          const loss = tf.losses.sigmoidCrossEntropy(ys, forward());
          if (l2 === 0) return loss.asScalar();
          const penalty = vars.reduce((s, v) => tf.add(s, tf.sum(tf.square(v.w))), tf.scalar(0));
          return tf.add(loss, tf.mul(penalty, l2 / 2)).asScalar();
        });
      });
    }
    const layers = vars.map((v) => ({
      weights: Array.from(v.w.dataSync()),
      inputs: v.w.shape[0]!,
      outputs: v.w.shape[1]!,
      bias: Array.from(v.b.dataSync()),
    }));
    optimiser.dispose();
    vars.forEach((v) => {
      v.w.dispose();
      v.b.dispose();
    });
    return { kind: "mlp" as const, layers };
  });
}

export function predictMlp(model: MlpModel, X: Matrix): Float64Array {
  const out = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let input = X.data.slice(i * X.cols, (i + 1) * X.cols);
    model.layers.forEach((layer, l) => {
      const next = new Float64Array(layer.outputs);
      for (let o = 0; o < layer.outputs; o++) {
        let z = layer.bias[o]!;
        for (let k = 0; k < layer.inputs; k++) z += input[k]! * layer.weights[k * layer.outputs + o]!;
        next[o] = l < model.layers.length - 1 ? Math.tanh(z) : z;
      }
      input = next;
    });
    out[i] = sigmoid(input[0]!);
  }
  return out;
}
