#!/usr/bin/env node
// Builds scenarios/data/yrd-network.geojson and scenarios/data/zones/*.geojson from the tables below (the tables are the source;
// the GeoJSON is generated, so edit here and re-run: `node scenarios/data/build-yrd-network.mjs`).
//
// Coordinates: WGS84 lon/lat, placed from knowledge of the geography and aimed at ~1-2 km for
// cities and interchanges (an assumption, not a survey). Road designations follow the national
// (G) and provincial (S) numbering; where two designations share a corridor the edge carries both
// ("G2/G42"), and where a short connector has no designation we know of it is called "link".
// Speeds are truck speeds (assumption): 85 km/h on rural expressways, 80 on Shanghai's G roads,
// the G1501 ring and bridges, 70 on the S20 outer ring, 60 on urban links, 50 on last-mile links.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

// [id, name, kind, lon, lat]
const NODES = [
  // --- Shanghai: centre, S20 outer ring ---
  ['sh-center', "Shanghai centre (People's Square)", 'city', 121.475, 31.232],
  ['s20-g2-jiangqiao', 'S20/G2 Jiangqiao interchange', 'interchange', 121.330, 31.255],
  ['s20-s5', 'S20/S5 Nanxiang interchange', 'interchange', 121.365, 31.300],
  ['s20-gucun', 'S20 Gucun (Baoshan)', 'interchange', 121.400, 31.345],
  ['s20-wusong', 'S20 Wusong tunnel, west portal', 'interchange', 121.495, 31.365],
  ['s20-waigaoqiao', 'S20 Waigaoqiao', 'interchange', 121.590, 31.345],
  ['s20-jinqiao', 'S20 Jinqiao', 'interchange', 121.625, 31.265],
  ['s20-s1', 'S20/S1 Yingbin interchange', 'interchange', 121.620, 31.185],
  ['s20-s2-kangqiao', 'S20/S2 Kangqiao interchange', 'interchange', 121.585, 31.125],
  ['s20-xupu', 'S20 Xupu Bridge', 'interchange', 121.480, 31.060],
  ['s20-s4', 'S20/S4 Meilong interchange', 'interchange', 121.420, 31.080],
  ['s20-g60-xinzhuang', 'S20/G60 Xinzhuang interchange', 'interchange', 121.370, 31.105],
  ['sh-hongqiao', 'Hongqiao hub (S20/G50)', 'interchange', 121.300, 31.190],
  ['s20-s26', 'S20/S26 Zhuguang interchange', 'interchange', 121.305, 31.225],
  // --- Shanghai: west (Jiading, Qingpu, Songjiang), G2, G15/G1501 ---
  ['g1501-g2-huangdu', 'G1501/G2 Huangdu interchange', 'interchange', 121.230, 31.285],
  ['g2-anting', 'G2 Anting interchange', 'interchange', 121.165, 31.305],
  ['sh-anting', 'SAIC Volkswagen Anting plant', 'factory', 121.160, 31.290],
  ['g2-anting-cp', 'G2 Anting checkpoint (Shanghai-Kunshan)', 'checkpoint', 121.130, 31.322],
  ['g15-waigang-cp', 'G15 Waigang checkpoint (Shanghai-Taicang)', 'checkpoint', 121.210, 31.440],
  ['g15-g1501-jiading', 'G15/G1501 Jiading north interchange', 'interchange', 121.270, 31.400],
  ['sh-jiading', 'Jiading new town', 'city', 121.250, 31.370],
  ['united-imaging', 'United Imaging Healthcare, Jiading', 'factory', 121.225, 31.400],
  ['g1501-baoshan', 'G1501 Luojing (Baoshan)', 'interchange', 121.380, 31.410],
  ['g1501-s26', 'G1501/S26 Huaxin interchange', 'interchange', 121.215, 31.230],
  ['g1501-g50', 'G1501/G50 Zhaoxiang interchange', 'interchange', 121.205, 31.170],
  ['g1501-g60', 'G1501/G60 Songjiang interchange', 'interchange', 121.255, 31.075],
  ['g60-songjiang', 'G60 Songjiang new town', 'interchange', 121.200, 31.020],
  ['baolong-songjiang', 'Baolong sensor plant, Songjiang', 'factory', 121.190, 31.060],
  ['g60-fengjing-cp', 'G60 Fengjing checkpoint (Shanghai-Jiashan)', 'checkpoint', 121.040, 30.905],
  ['s32-cp', 'S32 Xinbang checkpoint (Shanghai-Pinghu)', 'checkpoint', 121.075, 30.835],
  ['g15-tinglin', 'G15/S32 Tinglin interchange', 'interchange', 121.290, 30.880],
  ['g15-jinshan-cp', 'G15 Jinshan checkpoint (Shanghai-Pinghu)', 'checkpoint', 121.160, 30.780],
  ['sh-jinshan', 'Jinshan (S4 terminus)', 'city', 121.340, 30.745],
  ['g50-qingpu', 'G50 Qingpu', 'interchange', 121.110, 31.140],
  ['g50-jinze-cp', 'G50 Jinze checkpoint (Shanghai-Wujiang)', 'checkpoint', 120.930, 31.060],
  ['s26-baihe-cp', 'S26 Baihe checkpoint (Shanghai-Kunshan)', 'checkpoint', 121.070, 31.250],
  // --- Shanghai: south and east (G1501, S2, S4, Lingang, Pudong) ---
  ['g1501-s4', 'G1501/S4 interchange (Minpu No.2 Bridge)', 'interchange', 121.430, 30.960],
  ['g1501-fengxian', 'G1501/S32 Fengxian interchange', 'interchange', 121.520, 30.925],
  ['g1501-s2', 'G1501/S2 Nanhui interchange', 'interchange', 121.720, 30.990],
  ['s2-lingang', 'S2 Lingang interchange', 'interchange', 121.815, 30.915],
  ['tesla-lingang', 'Tesla Gigafactory Shanghai, Lingang', 'factory', 121.770, 30.880],
  ['ic-fab-lingang', 'IC fab, Lingang (SMIC / GTA Semiconductor)', 'factory', 121.860, 30.935],
  ['lingang-luchaogang', 'Luchaogang (Donghai Bridge)', 'interchange', 121.940, 30.868],
  ['g1501-airport', 'G1501/S1 Pudong airport interchange', 'interchange', 121.765, 31.130],
  ['sh-pudong-airport', 'Pudong International Airport cargo area', 'port', 121.805, 31.150],
  ['g1501-chuansha', 'G1501 Chuansha', 'interchange', 121.735, 31.225],
  ['sh-wuhaogou', 'Wuhaogou (G40 Yangtze tunnel, Pudong)', 'interchange', 121.665, 31.340],
  ['sh-changxing', 'Changxing Island (G40)', 'interchange', 121.730, 31.400],
  ['ch-chenjia', 'Chenjia, Chongming (G40)', 'interchange', 121.790, 31.490],
  ['g40-chongqi-cp', 'G40 Chongqi Bridge checkpoint (Chongming)', 'checkpoint', 121.840, 31.665],
  ['yangshan-port', 'Yangshan deep-water port', 'port', 122.060, 30.625],
  // --- Jiangsu: Kunshan, Suzhou, Wuxi (G2/G42 corridor) ---
  ['sh-station-huaqiao', 'Production-material transfer station, Huaqiao (G2)', 'station', 121.095, 31.328],
  ['kunshan', 'Kunshan (G2/G1521 hub)', 'city', 120.975, 31.385],
  ['kunshan-hitech', 'Kunshan high-tech zone parts plant', 'factory', 120.930, 31.410],
  ['s26-kunshan', 'S26 Kunshan south (Zhangpu)', 'interchange', 121.000, 31.290],
  ['g1521-zhouzhuang', 'G1521 Zhouzhuang', 'interchange', 120.880, 31.150],
  ['g2-suzhou-east', 'G2/G1522 Suzhou east hub', 'interchange', 120.740, 31.365],
  ['suzhou-sip', 'Suzhou Industrial Park parts plant', 'factory', 120.720, 31.310],
  ['suzhou', 'Suzhou', 'city', 120.620, 31.310],
  ['g2-suzhou-north', 'G2 Suzhou north (Xiangcheng)', 'interchange', 120.600, 31.400],
  ['g2-wuxi-east', 'G2 Wuxi east (Shuofang)', 'interchange', 120.430, 31.520],
  ['wuxi-parts', 'Wuxi New District parts plant', 'factory', 120.360, 31.490],
  ['wuxi', 'Wuxi', 'city', 120.300, 31.570],
  ['g2-g42-wuxi-hub', 'G2/G42 Wuxi hub', 'interchange', 120.280, 31.650],
  ['g1522-wujiang', 'G1522 Wujiang', 'interchange', 120.650, 31.160],
  ['g1522-pingwang', 'G1522/G50 Pingwang hub', 'interchange', 120.650, 30.985],
  ['g50-lili', 'G50 Lili (Wujiang)', 'interchange', 120.830, 31.030],
  // --- Jiangsu: along the Yangtze (Taicang, Changshu, Sutong, Jiangyin) ---
  ['g15-taicang', 'G15/G1521 Taicang hub', 'interchange', 121.080, 31.480],
  ['g15-changshu', 'G15/S38 Changshu east hub', 'interchange', 120.900, 31.680],
  ['g1522-changshu', 'G1522 Changshu', 'interchange', 120.770, 31.620],
  ['sutong-south', 'Sutong Bridge south (Changshu)', 'interchange', 120.975, 31.745],
  ['sutong-north', 'Sutong Bridge north (Nantong)', 'interchange', 121.005, 31.830],
  ['zhangjiagang', 'Zhangjiagang', 'city', 120.550, 31.860],
  ['g2-jiangyin', 'G2/S38 Jiangyin', 'interchange', 120.270, 31.870],
  ['jiangyin-bridge-s', 'Jiangyin Bridge south', 'interchange', 120.268, 31.928],
  ['jiangyin-bridge-n', 'Jiangyin Bridge north (Jingjiang)', 'interchange', 120.272, 31.958],
  ['g2-jingjiang', 'G2 Jingjiang', 'interchange', 120.200, 32.020],
  ['g2-taixing', 'G2 Taixing', 'interchange', 120.050, 32.170],
  // --- Jiangsu: Nantong, north bank, G40 to Chongming ---
  ['g15-nantong-hub', 'G15/G40 Nantong hub', 'interchange', 120.940, 32.000],
  ['nantong', 'Nantong', 'city', 120.870, 32.030],
  ['nantong-parts', 'Nantong ETDZ parts plant', 'factory', 120.990, 31.930],
  ['g40-haimen', 'G40 Haimen', 'interchange', 121.180, 31.880],
  ['g40-qidong', 'G40 Qidong', 'interchange', 121.640, 31.800],
  ['g40-chongqi-n', 'Chongqi Bridge north (Qidong)', 'interchange', 121.860, 31.735],
  ['g15-rugao', 'G15/G40 Rugao hub', 'interchange', 120.620, 32.340],
  ['g40-taizhou', 'G40 Taizhou', 'interchange', 119.930, 32.470],
  ['g2-jiangdu', 'G2/G40 Jiangdu hub', 'interchange', 119.580, 32.440],
  ['g40-yangzhou', 'G40 Yangzhou', 'interchange', 119.380, 32.380],
  ['g40-yizheng', 'G40 Yizheng', 'interchange', 119.170, 32.290],
  ['nj-bridge-n', 'Nanjing Yangtze crossing north (Pukou)', 'interchange', 118.750, 32.160],
  ['nj-bridge-s', 'Nanjing Yangtze crossing south', 'interchange', 118.760, 32.115],
  ['nanjing', 'Nanjing', 'city', 118.790, 32.050],
  ['g42-nanjing-east', 'G42 Nanjing east (Xianlin)', 'interchange', 118.920, 32.100],
  ['g42-zhenjiang', 'G42 Zhenjiang', 'interchange', 119.400, 32.130],
  ['runyang-s', 'Runyang Bridge south (Zhenjiang)', 'interchange', 119.360, 32.200],
  ['runyang-n', 'Runyang Bridge north (Yangzhou)', 'interchange', 119.360, 32.260],
  ['g42-danyang', 'G42 Danyang', 'interchange', 119.600, 31.990],
  ['g42-changzhou', 'G42 Changzhou', 'interchange', 119.960, 31.820],
  // --- Jiangsu: north (G2 to Huai'an, G25 and G15 to Lianyungang) ---
  ['g2-gaoyou', 'G2 Gaoyou', 'interchange', 119.470, 32.780],
  ['g2-baoying', 'G2 Baoying', 'interchange', 119.330, 33.230],
  ['g2-huaian', "G2/G25 Huai'an hub", 'interchange', 119.070, 33.570],
  ['g25-shuyang', 'G25 Shuyang', 'interchange', 118.790, 34.110],
  ['lianyungang', 'Lianyungang', 'city', 119.220, 34.600],
  ['lyg-sensors', 'Wheel-speed sensor plant, Lianyungang ETDZ', 'factory', 119.300, 34.620],
  ['g15-lianyungang', 'G15 Lianyungang south hub', 'interchange', 119.230, 34.520],
  ['g15-guanyun', 'G15 Guanyun', 'interchange', 119.300, 34.300],
  ['g15-xiangshui', 'G15 Xiangshui', 'interchange', 119.560, 34.200],
  ['g15-binhai', 'G15 Binhai', 'interchange', 119.800, 34.000],
  ['g15-funing', 'G15 Funing', 'interchange', 119.820, 33.780],
  ['g15-yancheng', 'G15 Yancheng hub', 'interchange', 120.200, 33.370],
  ['g15-dafeng', 'G15 Dafeng', 'interchange', 120.440, 33.170],
  ['g15-dongtai', 'G15 Dongtai', 'interchange', 120.340, 32.860],
  ['g15-haian', "G15 Hai'an", 'interchange', 120.480, 32.540],
  // --- Zhejiang: Jiaxing ---
  ['sh-station-jiashan', 'Production-material transfer station, Jiashan (G60)', 'station', 120.965, 30.895],
  ['g60-jiashan', 'G60/G1521 Jiashan', 'interchange', 120.900, 30.860],
  ['g60-jiaxing-hub', 'G60/G1522 Jiaxing hub', 'interchange', 120.720, 30.800],
  ['jiaxing', 'Jiaxing', 'city', 120.760, 30.750],
  ['s32-xindai', 'S32 Xindai (Pinghu)', 'interchange', 120.980, 30.800],
  ['s32-jiaxing-south', 'S32 Jiaxing south', 'interchange', 120.770, 30.700],
  ['s32-wuzhen', 'S32 Wuzhen (Tongxiang)', 'interchange', 120.490, 30.740],
  ['g15-pinghu', 'G15 Pinghu', 'interchange', 121.030, 30.700],
  ['hzb-north', 'Hangzhou Bay Bridge north (Haiyan)', 'interchange', 121.020, 30.585],
  ['g60-tongxiang', 'G60 Tongxiang', 'interchange', 120.560, 30.610],
  ['g1522-haining', 'G1522 Haining', 'interchange', 120.700, 30.500],
  ['jiashao-north', 'Jiashao Bridge north (Haining)', 'interchange', 120.745, 30.355],
  // --- Zhejiang: Hangzhou, Huzhou ---
  ['hz-station', 'Production-material transfer station, Haining (G60)', 'station', 120.415, 30.455],
  ['hz-ring-east', 'G60/G2501 Hangzhou east hub', 'interchange', 120.270, 30.370],
  ['hz-ring-north', 'G25/G2501 Hangzhou north hub', 'interchange', 120.100, 30.390],
  ['hz-ring-west', 'G2501/G56 Hangzhou west (Liuxia)', 'interchange', 120.030, 30.230],
  ['hz-ring-south', 'G2501 Hangzhou south (Xiaoshan Wenyan)', 'interchange', 120.180, 30.120],
  ['hz-ring-xiaoshan', 'G92/G2501 Xiaoshan hub', 'interchange', 120.340, 30.200],
  ['hz-xiaoshan-parts', 'Xiaoshan auto-parts plant', 'factory', 120.290, 30.160],
  ['hangzhou', 'Hangzhou', 'city', 120.165, 30.275],
  ['g25-deqing', 'G25 Deqing', 'interchange', 120.040, 30.590],
  ['huzhou', 'G50/G25 Huzhou hub', 'interchange', 120.100, 30.860],
  ['g50-nanxun', 'G50 Nanxun', 'interchange', 120.420, 30.880],
  // --- Zhejiang: Shaoxing, Ningbo, Zhoushan ---
  ['jiashao-south', 'Jiashao Bridge south (Shaoxing)', 'interchange', 120.745, 30.265],
  ['g1522-binhai', 'G1522 Shaoxing Binhai', 'interchange', 120.720, 30.170],
  ['g92-keqiao', 'G92 Keqiao', 'interchange', 120.490, 30.110],
  ['g92-shaoxing', 'G92/G1522 Shaoxing hub', 'interchange', 120.690, 30.080],
  ['shaoxing', 'Shaoxing', 'city', 120.580, 30.000],
  ['g92-shangyu', 'G92 Shangyu', 'interchange', 120.850, 30.045],
  ['nb-station', 'Production-material transfer station, Shangyu (G92)', 'station', 120.960, 30.040],
  ['g92-yuyao', 'G92 Yuyao', 'interchange', 121.150, 30.040],
  ['hzb-south', 'Hangzhou Bay Bridge south (Cixi)', 'interchange', 121.145, 30.300],
  ['g15-cixi', 'G15 Cixi hub', 'interchange', 121.255, 30.170],
  ['ningbo-ring-west', 'G92/G1504 Ningbo west hub', 'interchange', 121.450, 29.900],
  ['ningbo-ring-north', 'G15/G1504 Ningbo north hub (Zhuangqiao)', 'interchange', 121.560, 29.960],
  ['ningbo-ring-east', 'G1504 Ningbo east (Beilun link)', 'interchange', 121.720, 29.890],
  ['ningbo-ring-south', 'G15/G1504 Ningbo south (Yinzhou)', 'interchange', 121.560, 29.780],
  ['ningbo', 'Ningbo', 'city', 121.550, 29.870],
  ['ningbo-hitech', 'Ningbo high-tech zone parts plant', 'factory', 121.615, 29.895],
  ['ningbo-port', 'Ningbo-Zhoushan port (Beilun)', 'port', 121.860, 29.930],
  ['zhoushan', 'Zhoushan (Dinghai)', 'city', 122.100, 30.020],
];

// [from, to, road, speedKmh, extra?]; extra.bridge marks bridges and tunnels over water,
// extra.km gives a known length instead of great-circle x detourFactor.
const ring = (ids, road, speed) => ids.slice(1).map((id, i) => [ids[i], id, road, speed]);
const EDGES = [
  // Shanghai S20 outer ring, closed
  ...ring(['s20-g2-jiangqiao', 's20-s5', 's20-gucun', 's20-wusong', 's20-waigaoqiao', 's20-jinqiao',
    's20-s1', 's20-s2-kangqiao', 's20-xupu', 's20-s4', 's20-g60-xinzhuang', 'sh-hongqiao', 's20-s26',
    's20-g2-jiangqiao'], 'S20', 70),
  // urban radials inside the ring
  ['sh-center', 's20-g2-jiangqiao', 'G2 urban (Zhenru)', 60],
  ['sh-center', 's20-g60-xinzhuang', 'G60 urban (Humin)', 60],
  ['sh-center', 's20-jinqiao', 'urban (Yangpu Bridge)', 60],
  ['sh-center', 's20-s5', 'S5 urban (Middle Ring)', 60],
  ['sh-center', 's20-xupu', 'urban (Lupu Bridge)', 60],
  // G2 Shanghai-Nanjing/Beijing, shared with G42 up to Wuxi
  ...ring(['s20-g2-jiangqiao', 'g1501-g2-huangdu', 'g2-anting', 'g2-anting-cp', 'sh-station-huaqiao'], 'G2', 80),
  ...ring(['sh-station-huaqiao', 'kunshan', 'g2-suzhou-east', 'g2-suzhou-north', 'g2-wuxi-east',
    'g2-g42-wuxi-hub'], 'G2/G42', 85),
  ...ring(['g2-g42-wuxi-hub', 'g2-jiangyin', 'jiangyin-bridge-s'], 'G2', 85),
  ['jiangyin-bridge-s', 'jiangyin-bridge-n', 'G2', 80, { bridge: true, km: 3.1 }],
  ...ring(['jiangyin-bridge-n', 'g2-jingjiang', 'g2-taixing', 'g2-jiangdu', 'g2-gaoyou', 'g2-baoying',
    'g2-huaian'], 'G2', 85),
  // G42 Shanghai-Chengdu west of Wuxi
  ...ring(['g2-g42-wuxi-hub', 'g42-changzhou', 'g42-danyang', 'g42-zhenjiang', 'g42-nanjing-east'], 'G42', 85),
  ['g42-nanjing-east', 'nanjing', 'G42 urban', 60],
  // G25 north to Lianyungang
  ['g2-huaian', 'g25-shuyang', 'G25', 85],
  ['g25-shuyang', 'lianyungang', 'G25', 85],
  // G15 Shenhai: Lianyungang - Yancheng - Nantong - Sutong - Taicang - Shanghai - Pinghu - Ningbo
  ['lianyungang', 'g15-lianyungang', 'G15 link', 60],
  ...ring(['g15-lianyungang', 'g15-guanyun', 'g15-xiangshui', 'g15-binhai', 'g15-funing', 'g15-yancheng',
    'g15-dafeng', 'g15-dongtai', 'g15-haian', 'g15-rugao', 'g15-nantong-hub', 'sutong-north'], 'G15', 85),
  ['sutong-north', 'sutong-south', 'G15 (Sutong Bridge)', 80, { bridge: true }],
  ...ring(['sutong-south', 'g15-changshu', 'g15-taicang'], 'G15', 85),
  ...ring(['g15-taicang', 'g15-waigang-cp', 'g15-g1501-jiading'], 'G15', 80),
  ...ring(['g15-g1501-jiading', 'g1501-g2-huangdu', 'g1501-s26', 'g1501-g50', 'g1501-g60'], 'G15/G1501', 80),
  ...ring(['g1501-g60', 'g15-tinglin', 'g15-jinshan-cp', 'g15-pinghu', 'hzb-north'], 'G15', 80),
  ['hzb-north', 'hzb-south', 'G15 (Hangzhou Bay Bridge)', 80, { bridge: true, km: 36 }],
  ['hzb-south', 'g15-cixi', 'G15', 85],
  ['g15-cixi', 'ningbo-ring-north', 'G15', 85],
  ['g15-cixi', 'g92-yuyao', 'link (Hangzhou Bay Bridge south connector)', 85],
  // G1501 Shanghai ring (south, east and north arcs; the west arc is shared with G15)
  ...ring(['g1501-g60', 'g1501-s4', 'g1501-fengxian', 'g1501-s2', 'g1501-airport', 'g1501-chuansha',
    'sh-wuhaogou'], 'G1501', 80),
  ['sh-wuhaogou', 's20-waigaoqiao', 'G1501', 80],
  ['g15-g1501-jiading', 'g1501-baoshan', 'G1501', 80],
  ['g1501-baoshan', 's20-wusong', 'G1501', 80],
  // G40 Shanghai-Chongming-Qidong-Nantong-Nanjing
  ['sh-wuhaogou', 'sh-changxing', 'G40 (Shanghai Yangtze River Tunnel)', 80, { bridge: true, km: 8.9 }],
  ['sh-changxing', 'ch-chenjia', 'G40 (Shanghai Yangtze River Bridge)', 80, { bridge: true, km: 12 }],
  ['ch-chenjia', 'g40-chongqi-cp', 'G40', 80],
  ['g40-chongqi-cp', 'g40-chongqi-n', 'G40 (Chongqi Bridge)', 80, { bridge: true }],
  ...ring(['g40-chongqi-n', 'g40-qidong', 'g40-haimen', 'g15-nantong-hub'], 'G40', 85),
  ['g15-rugao', 'g40-taizhou', 'G40', 85],
  ['g40-taizhou', 'g2-jiangdu', 'G40', 85],
  ...ring(['g2-jiangdu', 'g40-yangzhou', 'g40-yizheng', 'nj-bridge-n'], 'G40', 85),
  ['nj-bridge-n', 'nj-bridge-s', 'Nanjing Yangtze crossing', 80, { bridge: true }],
  ['nj-bridge-s', 'nanjing', 'urban', 60],
  ['g42-zhenjiang', 'runyang-s', 'Runyang Bridge approach', 85],
  ['runyang-s', 'runyang-n', 'Runyang Bridge', 80, { bridge: true, km: 7.2 }],
  ['runyang-n', 'g40-yangzhou', 'Runyang Bridge approach', 85],
  // G60 Shanghai-Hangzhou
  ['s20-g60-xinzhuang', 'g1501-g60', 'G60', 80],
  ...ring(['g1501-g60', 'g60-songjiang', 'g60-fengjing-cp', 'sh-station-jiashan'], 'G60', 80),
  ...ring(['sh-station-jiashan', 'g60-jiashan', 'g60-jiaxing-hub', 'g60-tongxiang', 'hz-station',
    'hz-ring-east'], 'G60', 85),
  // G50 Shanghai-Chongqing (Huqingping)
  ...ring(['sh-hongqiao', 'g1501-g50', 'g50-qingpu', 'g50-jinze-cp', 'g50-lili'], 'G50', 80),
  ...ring(['g50-lili', 'g1522-pingwang', 'g50-nanxun', 'huzhou'], 'G50', 85),
  // S26 Shanghai-Changshu
  ...ring(['s20-s26', 'g1501-s26', 's26-baihe-cp', 's26-kunshan'], 'S26', 80),
  // S32 Shanghai-Jiaxing-Huzhou
  ['g1501-fengxian', 'g15-tinglin', 'S32', 80],
  ['g15-tinglin', 's32-cp', 'S32', 80],
  ...ring(['s32-cp', 's32-xindai', 's32-jiaxing-south', 's32-wuzhen', 'huzhou'], 'S32', 85),
  // S4, S2, S1, S5 inside Shanghai
  ['s20-s4', 'g1501-s4', 'S4', 80],
  ['g1501-s4', 'sh-jinshan', 'S4', 80],
  ['sh-jinshan', 'g15-jinshan-cp', 'link (S4-G15)', 60],
  ['s20-s2-kangqiao', 'g1501-s2', 'S2', 80],
  ['g1501-s2', 's2-lingang', 'S2', 80],
  ['s2-lingang', 'lingang-luchaogang', 'S2', 80],
  ['lingang-luchaogang', 'yangshan-port', 'S2 (Donghai Bridge)', 80, { bridge: true, km: 32.5 }],
  ['s20-s1', 'g1501-airport', 'S1', 80],
  ['s20-s5', 'sh-jiading', 'S5', 80],
  ['sh-jiading', 'g15-g1501-jiading', 'link', 60],
  // G1521 Changshu-Jiaxing (around Shanghai's western border)
  ...ring(['g15-taicang', 'kunshan', 's26-kunshan', 'g1521-zhouzhuang', 'g50-lili', 'g60-jiashan'], 'G1521', 85),
  // G1522 Changshu-Suzhou-Jiaxing-Jiashao Bridge-Shaoxing
  ['g15-changshu', 'g1522-changshu', 'link', 85],
  ...ring(['g1522-changshu', 'g2-suzhou-east', 'g1522-wujiang', 'g1522-pingwang', 'g60-jiaxing-hub',
    'g1522-haining', 'jiashao-north'], 'G1522', 85),
  ['jiashao-north', 'jiashao-south', 'G1522 (Jiashao Bridge)', 80, { bridge: true, km: 10.1 }],
  ...ring(['jiashao-south', 'g1522-binhai', 'g92-shaoxing'], 'G1522', 85),
  // S38 Yanjiang
  ...ring(['g15-changshu', 'zhangjiagang', 'g2-jiangyin'], 'S38', 85),
  // Pinghu - Jiashan connector
  ['g15-pinghu', 's32-xindai', 'link', 70],
  ['s32-xindai', 'g60-jiashan', 'link', 70],
  // G25 Huzhou-Hangzhou; G2501 Hangzhou ring
  ...ring(['huzhou', 'g25-deqing', 'hz-ring-north'], 'G25', 85),
  ['hz-ring-east', 'hz-ring-north', 'G2501', 80],
  ['hz-ring-north', 'hz-ring-west', 'G2501', 80],
  ['hz-ring-west', 'hz-ring-south', 'G2501 (Qiantang crossing)', 80, { bridge: true }],
  ['hz-ring-south', 'hz-ring-xiaoshan', 'G2501', 80],
  ['hz-ring-xiaoshan', 'hz-ring-east', 'G2501 (Xiasha Bridge)', 80, { bridge: true }],
  // G92 Hangzhou Bay ring: Hangzhou - Shaoxing - Ningbo
  ...ring(['hz-ring-xiaoshan', 'g92-keqiao', 'g92-shaoxing', 'g92-shangyu', 'nb-station', 'g92-yuyao',
    'ningbo-ring-west'], 'G92', 85),
  // G1504 Ningbo ring
  ...ring(['ningbo-ring-west', 'ningbo-ring-north', 'ningbo-ring-east', 'ningbo-ring-south',
    'ningbo-ring-west'], 'G1504', 80),
  ['ningbo-ring-east', 'ningbo-port', 'link (Beilun)', 70],
  ['ningbo-port', 'zhoushan', 'Zhoushan cross-sea bridges', 70, { bridge: true }],
  // urban and last-mile links
  ['g2-anting', 'sh-anting', 'local', 50],
  ['sh-jiading', 'united-imaging', 'local', 50],
  ['g60-songjiang', 'baolong-songjiang', 'local', 50],
  ['s2-lingang', 'tesla-lingang', 'local', 50],
  ['s2-lingang', 'ic-fab-lingang', 'local', 50],
  ['g1501-airport', 'sh-pudong-airport', 'local', 50],
  ['kunshan', 'kunshan-hitech', 'local', 50],
  ['g2-suzhou-east', 'suzhou-sip', 'local', 50],
  ['g2-suzhou-north', 'suzhou', 'urban', 60],
  ['suzhou', 'suzhou-sip', 'urban', 60],
  ['g2-wuxi-east', 'wuxi-parts', 'local', 50],
  ['g2-g42-wuxi-hub', 'wuxi', 'urban', 60],
  ['wuxi', 'wuxi-parts', 'urban', 60],
  ['g15-nantong-hub', 'nantong', 'urban', 60],
  ['g15-nantong-hub', 'nantong-parts', 'local', 50],
  ['lianyungang', 'lyg-sensors', 'local', 50],
  ['g60-jiaxing-hub', 'jiaxing', 'urban', 60],
  ['s32-jiaxing-south', 'jiaxing', 'urban', 60],
  ['hz-ring-east', 'hangzhou', 'urban', 60],
  ['hz-ring-west', 'hangzhou', 'urban', 60],
  ['hz-ring-xiaoshan', 'hz-xiaoshan-parts', 'local', 50],
  ['g92-shaoxing', 'shaoxing', 'urban', 60],
  ['ningbo-ring-west', 'ningbo', 'urban', 60],
  ['ningbo', 'ningbo-hitech', 'urban', 60],
  ['ningbo-hitech', 'ningbo-ring-east', 'urban', 60],
];

const byId = new Map(NODES.map((n) => [n[0], n]));
const features = NODES.map(([id, name, kind, lon, lat]) => ({
  type: 'Feature',
  properties: { id, name, kind },
  geometry: { type: 'Point', coordinates: [lon, lat] },
}));
for (const [from, to, road, speedKmh, extra = {}] of EDGES) {
  const a = byId.get(from);
  const b = byId.get(to);
  if (!a || !b) throw new Error(`edge ${from}-${to}: unknown node ${a ? to : from}`);
  features.push({
    type: 'Feature',
    properties: { from, to, road, speedKmh, oneway: false, ...extra },
    geometry: { type: 'LineString', coordinates: [[a[3], a[4]], [b[3], b[4]]] },
  });
}
const out = join(dirname(fileURLToPath(import.meta.url)), 'yrd-network.geojson');
const fc = { type: 'FeatureCollection', name: 'yrd-network', features };
// one feature a line: diffs stay readable
const text = '{"type":"FeatureCollection","name":"yrd-network","features":[\n' +
  fc.features.map((f) => JSON.stringify(f)).join(',\n') + '\n]}\n';
writeFileSync(out, text);

// Simplified city (prefecture-level) boundaries, counter-clockwise outer rings, closed on write.
// Drawn to ~2-5 km (assumption); where a border runs through water (Yangtze, Hangzhou Bay, Taihu)
// the ring takes a straight line across it. What they must contain and exclude is checked in
// test/yrd-network.test.ts.
const ZONES = {
  shanghai: ['Shanghai', [
    [121.12, 30.70], [121.33, 30.69], [121.50, 30.79], [121.75, 30.84], [121.90, 30.84],
    [121.99, 30.87], [121.96, 31.00], [121.90, 31.10], [121.88, 31.20], [121.98, 31.45],
    [121.99, 31.52], [121.95, 31.62], [121.85, 31.70], [121.55, 31.75], [121.30, 31.80],
    [121.22, 31.80], [121.30, 31.52], [121.22, 31.47], [121.17, 31.43], [121.14, 31.38],
    [121.115, 31.33], [121.09, 31.29], [121.04, 31.25], [120.98, 31.18], [120.90, 31.12],
    [120.87, 31.05], [120.90, 31.00], [120.96, 30.96], [121.00, 30.93], [120.99, 30.89],
    [121.02, 30.82], [121.08, 30.78],
  ]],
  suzhou: ['Suzhou (incl. Kunshan, Taicang, Changshu, Zhangjiagang, Wujiang)', [
    [120.48, 30.77], [120.66, 30.88], [120.80, 30.95], [120.87, 31.05], [120.90, 31.12],
    [120.98, 31.18], [121.04, 31.25], [121.09, 31.29], [121.115, 31.33], [121.14, 31.38],
    [121.17, 31.43], [121.22, 31.47], [121.30, 31.52], [121.10, 31.68], [120.90, 31.80],
    [120.65, 32.02], [120.40, 31.97], [120.45, 31.80], [120.50, 31.65], [120.45, 31.50],
    [120.30, 31.40], [120.05, 31.20], [120.15, 31.00], [120.30, 30.90],
  ]],
  jiaxing: ['Jiaxing (incl. Jiashan, Pinghu, Haiyan, Haining, Tongxiang)', [
    [120.30, 30.40], [120.50, 30.39], [120.70, 30.34], [120.80, 30.37], [120.95, 30.48],
    [121.10, 30.60], [121.12, 30.70], [121.08, 30.78], [121.02, 30.82], [120.99, 30.89],
    [121.00, 30.93], [120.96, 30.96], [120.90, 31.00], [120.80, 30.95], [120.66, 30.88],
    [120.48, 30.77], [120.35, 30.70], [120.28, 30.55],
  ]],
  hangzhou: ['Hangzhou (incl. Xiaoshan, Yuhang, Lin\'an, Fuyang, Tonglu, Jiande, Chun\'an)', [
    [118.40, 29.50], [119.00, 29.20], [119.60, 29.35], [120.00, 29.55], [120.25, 29.75],
    [120.40, 29.95], [120.45, 30.10], [120.48, 30.17], [120.70, 30.30], [120.40, 30.35],
    [120.38, 30.42], [120.35, 30.52], [120.20, 30.52], [119.90, 30.50], [119.70, 30.50],
    [119.40, 30.45], [119.20, 30.40], [118.85, 30.35], [118.50, 30.10], [118.35, 29.80],
  ]],
  ningbo: ['Ningbo (incl. Cixi, Yuyao, Ninghai, Xiangshan)', [
    [121.00, 29.95], [121.05, 29.60], [121.20, 29.30], [121.30, 29.05], [121.55, 28.95],
    [121.75, 29.10], [122.00, 29.30], [122.10, 29.70], [122.10, 29.85], [121.95, 29.98],
    [121.70, 30.02], [121.50, 30.15], [121.35, 30.30], [121.15, 30.35], [121.05, 30.25],
    [121.02, 30.15], [121.02, 30.08],
  ]],
};
for (const [city, [name, ring]] of Object.entries(ZONES)) {
  const feature = {
    type: 'Feature',
    properties: { id: city, name },
    geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
  };
  const file = join(dirname(fileURLToPath(import.meta.url)), 'zones', `${city}.geojson`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(feature) + '\n');
}
console.log(`${out}: ${NODES.length} nodes, ${EDGES.length} edges`);
