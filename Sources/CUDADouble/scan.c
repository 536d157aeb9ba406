// Finds a program's entry points: definitions `extern "C" __global__ void NAME(...) {` (also
// inside an `extern "C" { … }` block, and with __launch_bounds__), skipping comments, string and
// character literals and preprocessor lines. Kernels without C linkage are not entry points the
// double can name, as their real names are mangled.
#include "compiler.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum token_kind { TOKEN_END, TOKEN_IDENTIFIER, TOKEN_STRING, TOKEN_PUNCTUATION };

struct token {
    enum token_kind kind;
    const char *text;
    size_t length;
};

struct lexer {
    const char *at;
    int line_start;
};

static int is_identifier(char c) { return isalnum((unsigned char)c) || c == '_'; }

static struct token next_token(struct lexer *lexer) {
    const char *c = lexer->at;
    while (*c) {
        if (*c == '\n') {
            lexer->line_start = 1;
            c++;
        } else if (isspace((unsigned char)*c)) {
            c++;
        } else if (c[0] == '/' && c[1] == '/') {
            while (*c && *c != '\n') c++;
        } else if (c[0] == '/' && c[1] == '*') {
            const char *end = strstr(c + 2, "*/");
            c = end ? end + 2 : c + strlen(c);
        } else if (*c == '#' && lexer->line_start) {
            while (*c && !(*c == '\n' && c[-1] != '\\')) c++;
        } else {
            break;
        }
    }
    lexer->line_start = 0;
    struct token token = {TOKEN_END, c, 0};
    if (!*c) {
        lexer->at = c;
        return token;
    }
    if (*c == '"' || *c == '\'') {
        char quote = *c;
        const char *end = c + 1;
        while (*end && *end != quote) end += (*end == '\\' && end[1]) ? 2 : 1;
        token = (struct token){TOKEN_STRING, c + 1, (size_t)(end - c - 1)};
        lexer->at = *end ? end + 1 : end;
        return token;
    }
    if (is_identifier(*c)) {
        const char *end = c;
        while (is_identifier(*end)) end++;
        token = (struct token){TOKEN_IDENTIFIER, c, (size_t)(end - c)};
        lexer->at = end;
        return token;
    }
    token = (struct token){TOKEN_PUNCTUATION, c, 1};
    lexer->at = c + 1;
    return token;
}

static int is(const struct token *token, const char *text) {
    return token->length == strlen(text) && strncmp(token->text, text, token->length) == 0;
}

// Skips a balanced parenthesised group whose "(" is `*token`; leaves the token after ")".
static void skip_group(struct lexer *lexer, struct token *token) {
    int depth = 0;
    do {
        if (is(token, "(")) depth++;
        if (is(token, ")")) depth--;
        *token = next_token(lexer);
    } while (depth > 0 && token->kind != TOKEN_END);
}

static int add_name(struct kernel_scan *scan, const struct token *name) {
    for (size_t i = 0; i < scan->count; i++) {
        if (strlen(scan->names[i]) == name->length && strncmp(scan->names[i], name->text, name->length) == 0)
            return 0;
    }
    char **grown = realloc(scan->names, (scan->count + 1) * sizeof *grown);
    if (!grown) return -1;
    scan->names = grown;
    scan->names[scan->count] = strndup(name->text, name->length);
    return scan->names[scan->count++] ? 0 : -1;
}

int scan_kernels(const char *source, struct kernel_scan *scan) {
    scan->uses_barrier = scan->uses_barrier || strstr(source, "__syncthreads") != NULL;
    struct lexer lexer = {source, 1};
    struct token previous[2] = {{TOKEN_END, "", 0}, {TOKEN_END, "", 0}};
    int depth = 0, extern_c_depth = -1;  // brace depth inside an `extern "C" {` block, or -1
    for (struct token token = next_token(&lexer); token.kind != TOKEN_END;) {
        int c_linkage =
            (is(&previous[0], "extern") && previous[1].kind == TOKEN_STRING && is(&previous[1], "C"));
        if (is(&token, "{")) {
            if (c_linkage) extern_c_depth = depth;
            depth++;
        } else if (is(&token, "}")) {
            depth--;
            if (depth == extern_c_depth) extern_c_depth = -1;
        }
        if (token.kind == TOKEN_IDENTIFIER && is(&token, "__global__") &&
            (c_linkage || extern_c_depth >= 0)) {
            struct token t = next_token(&lexer);
            while (is(&t, "__launch_bounds__") || is(&t, "void") || is(&t, "static") || is(&t, "inline")) {
                t = next_token(&lexer);
                if (is(&t, "(")) skip_group(&lexer, &t);
            }
            struct token name = t;
            t = next_token(&lexer);
            if (name.kind == TOKEN_IDENTIFIER && name.length <= KERNEL_NAME_LIMIT && is(&t, "(")) {
                skip_group(&lexer, &t);
                if (is(&t, "{") && add_name(scan, &name) != 0) return -1;
            }
            previous[0] = previous[1] = (struct token){TOKEN_END, "", 0};
            token = t;
            continue;
        }
        previous[0] = previous[1];
        previous[1] = token;
        token = next_token(&lexer);
    }
    return 0;
}

void scan_free(struct kernel_scan *scan) {
    for (size_t i = 0; i < scan->count; i++) free(scan->names[i]);
    free(scan->names);
    scan->names = NULL;
    scan->count = 0;
}
