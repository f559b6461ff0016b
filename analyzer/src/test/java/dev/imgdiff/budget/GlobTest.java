package dev.imgdiff.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {
    @Test
    void doubleStarCrossesDirectoriesAndATrailingOneTakesTheDirectory() {
        Glob git = Glob.of("**/.git/**");
        assertThat(git.matches("/app/.git/config")).isTrue();
        assertThat(git.matches("/app/.git/objects/ab/cdef")).isTrue();
        assertThat(git.matches("/.git/HEAD")).isTrue();
        assertThat(git.matches("/app/.git")).isTrue();
        assertThat(git.matches("/app/.github/x")).isFalse();
        assertThat(git.matches("/app/x.git/y")).isFalse();
        Glob npm = Glob.of("/root/.npm/**");
        assertThat(npm.matches("/root/.npm")).isTrue();
        assertThat(npm.matches("/root/.npm/_cacache/x")).isTrue();
        assertThat(npm.matches("/root/.npmrc")).isFalse();
        assertThat(npm.matches("/home/root/.npm/x")).isFalse();
    }

    @Test
    void singleStarStaysInOneSegment() {
        Glob g = Glob.of("/usr/lib/*.a");
        assertThat(g.matches("/usr/lib/libc.a")).isTrue();
        assertThat(g.matches("/usr/lib/x86/libc.a")).isFalse();
        assertThat(Glob.of("/usr/**/*.a").matches("/usr/lib/x86/libc.a")).isTrue();
        assertThat(Glob.of("/usr/**/*.a").matches("/usr/libc.a")).isTrue();
    }

    @Test
    void relativePatternsMatchAtAnyDepthAndClassesAndAlternatives() {
        assertThat(Glob.of("*.pem").matches("/etc/ssl/key.pem")).isTrue();
        assertThat(Glob.of("*.pem").matches("/key.pem")).isTrue();
        assertThat(Glob.of("/a/file?.[ch]").matches("/a/file1.c")).isTrue();
        assertThat(Glob.of("/a/file?.[!ch]").matches("/a/file1.c")).isFalse();
        assertThat(Glob.of("/a/{b,c}/x").matches("/a/c/x")).isTrue();
        assertThat(Glob.of("/a/{b,c}/x").matches("/a/d/x")).isFalse();
        assertThat(Glob.of("/a+b/(x)").matches("/a+b/(x)")).isTrue();
    }
}
