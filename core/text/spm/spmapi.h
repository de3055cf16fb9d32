/*
 * The plain C interface of the sentencepiece plugin (libdomaintune_spm.so).
 *
 * Debian's libsentencepiece exports the protobuf-lite it bundles, which clashes with LibTorch's
 * protobuf in one process. The plugin links sentencepiece and is opened with RTLD_LOCAL |
 * RTLD_DEEPBIND, so only these C symbols cross the boundary. No C++ types, no exceptions.
 * Every function is thread-safe for distinct models; a model may be used for encoding from
 * several threads at once (sentencepiece's processor is const during encoding).
 */
#pragma once

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Bumped whenever a signature below changes; the loader refuses a mismatching plugin. */
#define DT_SPM_ABI_VERSION 1

typedef struct dt_spm_model dt_spm_model;

/** Receives one piece: its id, its text (not NUL-terminated) and its byte span in the input. */
typedef void (*dt_spm_piece_fn)(void* user, int id, const char* piece, size_t piece_len,
                                size_t begin, size_t end);

typedef int (*dt_spm_abi_version_fn)(void);
typedef dt_spm_model* (*dt_spm_load_fn)(const char* path, char* error, size_t error_len);
typedef void (*dt_spm_free_fn)(dt_spm_model* model);
typedef int (*dt_spm_vocab_size_fn)(const dt_spm_model* model);
typedef int (*dt_spm_piece_to_id_fn)(const dt_spm_model* model, const char* piece,
                                     size_t piece_len);
typedef int (*dt_spm_id_to_piece_fn)(const dt_spm_model* model, int id, dt_spm_piece_fn fn,
                                     void* user);
typedef int (*dt_spm_special_id_fn)(const dt_spm_model* model, int which);
typedef int (*dt_spm_encode_fn)(const dt_spm_model* model, const char* text, size_t text_len,
                                dt_spm_piece_fn fn, void* user, char* error, size_t error_len);
typedef int (*dt_spm_train_fn)(const char* arguments, char* error, size_t error_len);

/* Values for dt_spm_special_id's `which`. */
#define DT_SPM_UNK 0
#define DT_SPM_BOS 1
#define DT_SPM_EOS 2
#define DT_SPM_PAD 3

/* Implemented by the plugin. Return values: 0 = success, non-zero = failure with `error` set. */
int dt_spm_abi_version(void);
dt_spm_model* dt_spm_load(const char* path, char* error, size_t error_len);
void dt_spm_free(dt_spm_model* model);
int dt_spm_vocab_size(const dt_spm_model* model);
/** Returns the piece's id, or -1 when the piece is not in the vocabulary. */
int dt_spm_piece_to_id(const dt_spm_model* model, const char* piece, size_t piece_len);
/** Calls fn once with the piece of `id` (begin = end = 0). Returns non-zero for a bad id. */
int dt_spm_id_to_piece(const dt_spm_model* model, int id, dt_spm_piece_fn fn, void* user);
/** Returns the id of a special piece (DT_SPM_*), or -1 when the model has none. */
int dt_spm_special_id(const dt_spm_model* model, int which);
/** Encodes UTF-8 text; fn is called once per piece in order, with byte offsets into text. */
int dt_spm_encode(const dt_spm_model* model, const char* text, size_t text_len, dt_spm_piece_fn fn,
                  void* user, char* error, size_t error_len);
/** Runs sentencepiece's trainer with spm_train-style arguments ("--input=... --model_prefix=...").
 */
int dt_spm_train(const char* arguments, char* error, size_t error_len);

#ifdef __cplusplus
}
#endif
