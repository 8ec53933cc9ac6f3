<?php
// php make-images.php OUTDIR — draws three small JPEGs with GD (no photos involved).
$out = $argv[1] ?? '/tmp/wp-fixture-images';
@mkdir($out, 0755, true);

function scene($file, $w, $h, $sky, $sea, $draw) {
    $im = imagecreatetruecolor($w, $h);
    $horizon = (int)($h * 0.55);
    for ($y = 0; $y < $h; $y++) {
        $c = $y < $horizon ? $sky : $sea;
        $t = $y < $horizon ? $y / $horizon : ($y - $horizon) / ($h - $horizon);
        $col = imagecolorallocate($im,
            (int)($c[0][0] + ($c[1][0] - $c[0][0]) * $t),
            (int)($c[0][1] + ($c[1][1] - $c[0][1]) * $t),
            (int)($c[0][2] + ($c[1][2] - $c[0][2]) * $t));
        imageline($im, 0, $y, $w, $y, $col);
    }
    $draw($im, $w, $h, $horizon);
    imagejpeg($im, $file, 72);
    imagedestroy($im);
    printf("%s %d bytes\n", $file, filesize($file));
}

// A ferry on the evening water.
scene("$out/saltholm-ferry.jpg", 640, 400,
    [[40, 60, 120], [230, 150, 90]], [[30, 70, 100], [10, 30, 50]],
    function ($im, $w, $h, $hz) {
        $hull = imagecolorallocate($im, 25, 25, 35);
        $deck = imagecolorallocate($im, 235, 235, 225);
        $funnel = imagecolorallocate($im, 190, 40, 40);
        $light = imagecolorallocate($im, 255, 220, 120);
        imagefilledpolygon($im, [180, $hz - 10, 470, $hz - 10, 440, $hz + 25, 210, $hz + 25], $hull);
        imagefilledrectangle($im, 230, $hz - 45, 420, $hz - 10, $deck);
        imagefilledrectangle($im, 300, $hz - 75, 330, $hz - 45, $funnel);
        for ($x = 240; $x < 415; $x += 18) {
            imagefilledrectangle($im, $x, $hz - 35, $x + 8, $hz - 27, $light);
        }
    });

// Paper lanterns strung over a quay at night.
scene("$out/old-quay-lanterns.jpg", 640, 400,
    [[10, 15, 40], [40, 40, 80]], [[20, 20, 30], [5, 5, 10]],
    function ($im, $w, $h, $hz) {
        $string = imagecolorallocate($im, 90, 90, 90);
        $quay = imagecolorallocate($im, 70, 60, 55);
        imagefilledrectangle($im, 0, $hz, $w, $hz + 40, $quay);
        $colours = [[255, 170, 60], [240, 90, 70], [250, 210, 90], [200, 120, 220]];
        for ($row = 0; $row < 3; $row++) {
            $y0 = 50 + $row * 45;
            imageline($im, 0, $y0, $w, $y0 + 20, $string);
            for ($x = 30; $x < $w; $x += 55) {
                $c = $colours[($x / 55 + $row) % 4];
                $col = imagecolorallocate($im, $c[0], $c[1], $c[2]);
                imagefilledellipse($im, $x, $y0 + (int)($x * 20 / $w) + 14, 26, 32, $col);
            }
        }
    });

// The harbour wall with a crack and scaffolding.
scene("$out/harbour-wall.jpg", 640, 400,
    [[150, 180, 210], [200, 215, 225]], [[60, 100, 110], [30, 60, 70]],
    function ($im, $w, $h, $hz) {
        $stone = imagecolorallocate($im, 140, 135, 125);
        $dark = imagecolorallocate($im, 60, 55, 50);
        $scaffold = imagecolorallocate($im, 210, 160, 40);
        imagefilledrectangle($im, 0, $hz - 60, $w, $hz + 30, $stone);
        for ($y = $hz - 60; $y < $hz + 30; $y += 18) {
            imageline($im, 0, $y, $w, $y, $dark);
        }
        imagesetthickness($im, 3);
        imageline($im, 320, $hz - 60, 340, $hz - 20, $dark);
        imageline($im, 340, $hz - 20, 325, $hz + 30, $dark);
        for ($x = 400; $x <= 560; $x += 40) {
            imageline($im, $x, $hz - 110, $x, $hz - 60, $scaffold);
        }
        imageline($im, 400, $hz - 110, 560, $hz - 110, $scaffold);
        imageline($im, 400, $hz - 85, 560, $hz - 85, $scaffold);
    });
