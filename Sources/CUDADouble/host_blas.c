// The double's DGEMM and DSYRK: column-major loops with BLAS's semantics (a zero beta ignores the
// old contents of C, NaN included; a zero alpha reads neither A nor B), ordered so that the inner
// loop walks memory contiguously.
#include "state.h"

#include <stddef.h>

void host_dgemm(int transpose_a, int transpose_b, int m, int n, int k, double alpha, const double *a, int lda,
                const double *b, int ldb, double beta, double *c, int ldc) {
    for (int j = 0; j < n; j++) {
        double *cj = c + (size_t)j * (size_t)ldc;
        for (int i = 0; i < m; i++) cj[i] = beta == 0 ? 0 : beta * cj[i];
        if (alpha == 0) continue;
        if (transpose_a) {
            // C(i, j) += alpha · Σp A(p, i) · op(B)(p, j): a dot product down column i of A.
            for (int i = 0; i < m; i++) {
                const double *ai = a + (size_t)i * (size_t)lda;
                double total = 0;
                for (int p = 0; p < k; p++)
                    total += ai[p] *
                             (transpose_b ? b[j + (size_t)p * (size_t)ldb] : b[p + (size_t)j * (size_t)ldb]);
                cj[i] += alpha * total;
            }
        } else {
            for (int p = 0; p < k; p++) {
                const double *ap = a + (size_t)p * (size_t)lda;
                double factor =
                    alpha * (transpose_b ? b[j + (size_t)p * (size_t)ldb] : b[p + (size_t)j * (size_t)ldb]);
                for (int i = 0; i < m; i++) cj[i] += ap[i] * factor;
            }
        }
    }
}

void host_dsyrk(int lower, int transpose, int n, int k, double alpha, const double *a, int lda, double beta,
                double *c, int ldc) {
    for (int j = 0; j < n; j++) {
        double *cj = c + (size_t)j * (size_t)ldc;
        int first = lower ? j : 0, end = lower ? n : j + 1;
        for (int i = first; i < end; i++) cj[i] = beta == 0 ? 0 : beta * cj[i];
        if (alpha == 0) continue;
        if (transpose) {
            // op(A) = Aᵀ, A is k × n: C(i, j) += alpha · (column i of A) · (column j of A).
            const double *aj = a + (size_t)j * (size_t)lda;
            for (int i = first; i < end; i++) {
                const double *ai = a + (size_t)i * (size_t)lda;
                double total = 0;
                for (int p = 0; p < k; p++) total += ai[p] * aj[p];
                cj[i] += alpha * total;
            }
        } else {
            // op(A) = A, n × k: C(:, j) += alpha · A(j, p) · A(:, p), one column of A at a time.
            for (int p = 0; p < k; p++) {
                const double *ap = a + (size_t)p * (size_t)lda;
                double factor = alpha * ap[j];
                for (int i = first; i < end; i++) cj[i] += ap[i] * factor;
            }
        }
    }
}
