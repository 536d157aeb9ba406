// The double's DSYEVD: every eigenpair of a symmetric matrix by Householder reduction to
// tridiagonal form and the implicit QL algorithm with accumulated transformations (the Algol
// procedures tred2 and tql2 of Bowdler, Martin, Reinsch and Wilkinson, as EISPACK and JAMA carry
// them), O(n³). The work happens in the caller's workspace: an n×n matrix and two vectors, which
// is why DSYEVD's workspace size must be respected.
#include "state.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

long long host_dsyevd_workspace(int n) { return 1 + 6 * (long long)n + 2 * (long long)n * n; }

#define V(i, j) v[(size_t)(i) * (size_t)n + (size_t)(j)]

// Reduces the symmetric matrix in v (row-major, full) to tridiagonal form: diagonal d,
// subdiagonal e[1..n-1]; v becomes the orthogonal transformation.
static void tridiagonalise(int n, double *v, double *d, double *e) {
    for (int j = 0; j < n; j++) d[j] = V(n - 1, j);
    for (int i = n - 1; i > 0; i--) {
        double scale = 0, h = 0;
        for (int k = 0; k < i; k++) scale += fabs(d[k]);
        if (scale == 0) {
            e[i] = d[i - 1];
            for (int j = 0; j < i; j++) {
                d[j] = V(i - 1, j);
                V(i, j) = 0;
                V(j, i) = 0;
            }
        } else {
            for (int k = 0; k < i; k++) {
                d[k] /= scale;
                h += d[k] * d[k];
            }
            double f = d[i - 1], g = sqrt(h);
            if (f > 0) g = -g;
            e[i] = scale * g;
            h -= f * g;
            d[i - 1] = f - g;
            for (int j = 0; j < i; j++) e[j] = 0;
            for (int j = 0; j < i; j++) {
                f = d[j];
                V(j, i) = f;
                g = e[j] + V(j, j) * f;
                for (int k = j + 1; k <= i - 1; k++) {
                    g += V(k, j) * d[k];
                    e[k] += V(k, j) * f;
                }
                e[j] = g;
            }
            f = 0;
            for (int j = 0; j < i; j++) {
                e[j] /= h;
                f += e[j] * d[j];
            }
            double hh = f / (h + h);
            for (int j = 0; j < i; j++) e[j] -= hh * d[j];
            for (int j = 0; j < i; j++) {
                f = d[j];
                g = e[j];
                for (int k = j; k <= i - 1; k++) V(k, j) -= f * e[k] + g * d[k];
                d[j] = V(i - 1, j);
                V(i, j) = 0;
            }
        }
        d[i] = h;
    }
    for (int i = 0; i < n - 1; i++) {
        V(n - 1, i) = V(i, i);
        V(i, i) = 1;
        double h = d[i + 1];
        if (h != 0) {
            for (int k = 0; k <= i; k++) d[k] = V(k, i + 1) / h;
            for (int j = 0; j <= i; j++) {
                double g = 0;
                for (int k = 0; k <= i; k++) g += V(k, i + 1) * V(k, j);
                for (int k = 0; k <= i; k++) V(k, j) -= g * d[k];
            }
        }
        for (int k = 0; k <= i; k++) V(k, i + 1) = 0;
    }
    for (int j = 0; j < n; j++) {
        d[j] = V(n - 1, j);
        V(n - 1, j) = 0;
    }
    V(n - 1, n - 1) = 1;
    e[0] = 0;
}

// Diagonalises the tridiagonal (d, e) by implicit QL, accumulating into v; returns 0, or the
// index (from 1) of an eigenvalue that did not converge in 30 iterations per eigenvalue.
static int diagonalise(int n, double *v, double *d, double *e) {
    for (int i = 1; i < n; i++) e[i - 1] = e[i];
    e[n - 1] = 0;
    double f = 0, largest = 0;
    const double eps = 0x1p-52;
    for (int l = 0; l < n; l++) {
        double size = fabs(d[l]) + fabs(e[l]);
        if (size > largest) largest = size;
        int m = l;
        while (m < n - 1 && fabs(e[m]) > eps * largest) m++;
        if (m > l) {
            int iterations = 0;
            do {
                if (++iterations > 30) return l + 1;
                double g = d[l];
                double p = (d[l + 1] - g) / (2 * e[l]);
                double r = hypot(p, 1);
                if (p < 0) r = -r;
                d[l] = e[l] / (p + r);
                d[l + 1] = e[l] * (p + r);
                double dl1 = d[l + 1], h = g - d[l];
                for (int i = l + 2; i < n; i++) d[i] -= h;
                f += h;
                p = d[m];
                double c = 1, c2 = 1, c3 = 1, el1 = e[l + 1], s = 0, s2 = 0;
                for (int i = m - 1; i >= l; i--) {
                    c3 = c2;
                    c2 = c;
                    s2 = s;
                    g = c * e[i];
                    h = c * p;
                    r = hypot(p, e[i]);
                    e[i + 1] = s * r;
                    s = e[i] / r;
                    c = p / r;
                    p = c * d[i] - s * g;
                    d[i + 1] = h + s * (c * g + s * d[i]);
                    for (int k = 0; k < n; k++) {
                        h = V(k, i + 1);
                        V(k, i + 1) = s * V(k, i) + c * h;
                        V(k, i) = c * V(k, i) - s * h;
                    }
                }
                p = -s * s2 * c3 * el1 * e[l] / dl1;
                e[l] = s * p;
                d[l] = c * p;
            } while (fabs(e[l]) > eps * largest);
        }
        d[l] += f;
        e[l] = 0;
    }
    return 0;
}

int host_dsyevd(int lower, int n, double *a, int lda, double *w, double *workspace) {
    if (n == 0) return 0;
    double *v = workspace, *e = workspace + (size_t)n * (size_t)n;
    for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
            int stored = (i >= j) == lower;  // (i, j) lies in the triangle given
            V(i, j) = stored ? a[i + (size_t)j * (size_t)lda] : a[j + (size_t)i * (size_t)lda];
        }
    }
    tridiagonalise(n, v, w, e);
    int info = diagonalise(n, v, w, e);
    // Ascending eigenvalues, each with its column of v, written column-major into a.
    for (int i = 0; i < n - 1; i++) {
        int k = i;
        for (int j = i + 1; j < n; j++) {
            if (w[j] < w[k]) k = j;
        }
        if (k != i) {
            double t = w[k];
            w[k] = w[i];
            w[i] = t;
            for (int r = 0; r < n; r++) {
                t = V(r, i);
                V(r, i) = V(r, k);
                V(r, k) = t;
            }
        }
    }
    for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) a[i + (size_t)j * (size_t)lda] = V(i, j);
    }
    return info;
}
