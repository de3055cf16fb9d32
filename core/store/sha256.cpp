#include "core/store/sha256.h"

#include "core/common/error.h"

#include <fstream>
#include <openssl/evp.h>
#include <vector>

namespace domaintune {

namespace {

EVP_MD_CTX* context(void* pointer)
{
    return static_cast<EVP_MD_CTX*>(pointer);
}

} // namespace

Sha256::Sha256() : m_context(EVP_MD_CTX_new())
{
    if (!m_context || EVP_DigestInit_ex(context(m_context), EVP_sha256(), nullptr) != 1)
        throw Error("OpenSSL could not start a SHA-256 computation (out of memory?)");
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(context(m_context));
}

void Sha256::update(const void* data, std::size_t size)
{
    if (size > 0)
        EVP_DigestUpdate(context(m_context), data, size);
}

std::string Sha256::hexDigest()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context(m_context), digest, &length);
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(2 * length);
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

std::string Sha256::hex(const std::string& data)
{
    Sha256 hash;
    hash.update(data);
    return hash.hexDigest();
}

std::string Sha256::hexOfFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path, 0, "cannot open the file to compute its checksum",
                    "Check that it exists and is readable.");
    Sha256 hash;
    std::vector<char> chunk(1 << 20);
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        hash.update(chunk.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad())
        throw Error(path, 0, "cannot read the file to compute its checksum");
    return hash.hexDigest();
}

} // namespace domaintune
