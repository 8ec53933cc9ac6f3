<?php
// php export.php OUTFILE — runs WordPress's own exporter (Tools → Export → All content).
$out = $argv[1] ?? 'wordpress.xml';
require __DIR__ . '/bootstrap.php';
require_once ABSPATH . 'wp-admin/includes/export.php';
ob_start();
export_wp(['content' => 'all']);
$xml = ob_get_clean();
file_put_contents($out, $xml);
echo strlen($xml) . " bytes written to $out\n";
