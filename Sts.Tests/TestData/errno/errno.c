/* Prints "NAME value" for every errno Sts.Core.Errno names, from the C library's headers.
 * Build and run on the build host: cc -o /tmp/errno errno.c && /tmp/errno > errno.txt */
#include <errno.h>
#include <stdio.h>

#define P(name) printf("%s %d\n", #name, name)

int main(void)
{
    P(EPERM);
    P(ENOENT);
    P(ESRCH);
    P(EINTR);
    P(EIO);
    P(ENXIO);
    P(E2BIG);
    P(EBADF);
    P(EAGAIN);
    P(ENOMEM);
    P(EACCES);
    P(EFAULT);
    P(ENOTBLK);
    P(EBUSY);
    P(EEXIST);
    P(EXDEV);
    P(ENODEV);
    P(ENOTDIR);
    P(EISDIR);
    P(EINVAL);
    P(ENFILE);
    P(EMFILE);
    P(ENOTTY);
    P(ETXTBSY);
    P(EFBIG);
    P(ENOSPC);
    P(ESPIPE);
    P(EROFS);
    P(EMLINK);
    P(EPIPE);
    P(EDOM);
    P(ERANGE);
    P(EDEADLK);
    P(ENAMETOOLONG);
    P(ENOSYS);
    P(ENOTEMPTY);
    P(ENODATA);
    P(EOVERFLOW);
    P(EILSEQ);
    P(EOPNOTSUPP);
    P(ETIMEDOUT);
    P(ECANCELED);
    return 0;
}
